package io.chainwatch.formats.cyclonedx;

import io.chainwatch.formats.ParserContractTest;
import io.chainwatch.ingest.ImportOptions;
import io.chainwatch.ingest.Parser;
import java.io.IOException;

class CycloneDxXmlContractTest extends ParserContractTest {
  @Override
  protected Parser parser() {
    return new CycloneDxParser();
  }

  @Override
  protected byte[] validSample() throws IOException {
    return CycloneDxSamples.resource("valid-bom-1.6.xml");
  }

  @Override
  protected ImportOptions options() {
    return CycloneDxSamples.assetOptions();
  }
}
