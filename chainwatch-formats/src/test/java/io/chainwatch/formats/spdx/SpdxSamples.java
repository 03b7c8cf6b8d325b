package io.chainwatch.formats.spdx;

import io.chainwatch.ingest.ImportOptions;
import java.io.IOException;
import java.io.InputStream;

/** Test data under {@code src/test/resources/spdx} and the options every SBOM import needs. */
final class SpdxSamples {
  static final String CUSTOMER = "Acme Corp";
  static final String ASSET = "build-07";

  private SpdxSamples() {}

  static byte[] resource(String name) throws IOException {
    try (InputStream in = SpdxSamples.class.getResourceAsStream("/spdx/" + name)) {
      if (in == null) throw new IOException("missing test resource " + name);
      return in.readAllBytes();
    }
  }

  static ImportOptions assetOptions() {
    return new ImportOptions(null, CUSTOMER, ASSET, null, false);
  }
}
