package io.chainwatch.formats.spdx;

import io.chainwatch.formats.ParserContractTest;
import io.chainwatch.ingest.ImportOptions;
import io.chainwatch.ingest.Parser;
import java.io.IOException;

class SpdxContractTest extends ParserContractTest {
  @Override
  protected Parser parser() {
    return new SpdxParser();
  }

  @Override
  protected byte[] validSample() throws IOException {
    return SpdxSamples.resource("SPDXJSONExample-v2.3.spdx.json");
  }

  @Override
  protected ImportOptions options() {
    return SpdxSamples.assetOptions();
  }
}
