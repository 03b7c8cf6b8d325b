package io.chainwatch.formats.cyclonedx;

import io.chainwatch.ingest.ImportOptions;
import java.io.IOException;
import java.io.InputStream;

/** Test data under {@code src/test/resources/cyclonedx} and the options every SBOM import needs. */
final class CycloneDxSamples {
  static final String CUSTOMER = "Acme Corp";
  static final String ASSET = "web-01";

  private CycloneDxSamples() {}

  static byte[] resource(String name) throws IOException {
    try (InputStream in = CycloneDxSamples.class.getResourceAsStream("/cyclonedx/" + name)) {
      if (in == null) throw new IOException("missing test resource " + name);
      return in.readAllBytes();
    }
  }

  static ImportOptions assetOptions() {
    return new ImportOptions(null, CUSTOMER, ASSET, null, false);
  }
}
