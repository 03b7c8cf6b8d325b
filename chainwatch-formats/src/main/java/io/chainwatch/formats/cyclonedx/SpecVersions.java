package io.chainwatch.formats.cyclonedx;

import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Source;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The CycloneDX versions this build reads: cyclonedx-core-java 12.x models 1.6 at most, and 1.4 is the oldest in use. */
final class SpecVersions {
  static final Set<String> SUPPORTED = Set.of("1.4", "1.5", "1.6");

  private SpecVersions() {}

  static String require(Source source, @Nullable String place, String version) {
    if (!SUPPORTED.contains(version)) {
      throw unsupported(source, place, version);
    }
    return version;
  }

  private static InputRejected unsupported(Source source, @Nullable String place, String version) {
    return source.reject(place, "CycloneDX " + version + " is not supported; this build reads 1.4 to 1.6");
  }
}
