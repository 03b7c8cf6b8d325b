package io.chainwatch.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the vers-spec conformance files in {@code src/test/resources/vers} (see SOURCES.md there). Every case of every
 * file runs; the only cases not run as written are listed in {@link #PARSE_CASES_WITH_INVALID_VERSIONS} and
 * {@link #VALIDATE_CASES_BREAKING_CLAUSE_5_4}, and those are checked to be rejected instead.
 */
class VersSpecSuiteTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Cases of {@code vers_canonical_parse_test.json} that expect success although the decoded version is not valid in
   * the scheme. The case tests decoding only; Chainwatch also requires every constraint version to be a version of
   * the scheme (it must sort them), so the input is rejected. {@code VersionSetTest} checks the same decoding with the
   * {@code lexicographic} scheme, where {@code 1.0%2F0} is a valid version.
   */
  private static final Set<String> PARSE_CASES_WITH_INVALID_VERSIONS = Set.of(
      // decodes to '1.0%2F0', not a SemVer version
      "vers:npm/1.0%252F0");

  /**
   * Cases of {@code pypi_range_validate_test.json} that expect an input to be valid although it breaks the vers
   * spec's own validation rules (clause 5.4: bounds must alternate, an equality cannot be followed by an upper bound,
   * versions must be unique). The file comes from an older generation of the suite; Chainwatch follows clause 5.4,
   * and these inputs are rejected.
   */
  private static final Set<String> VALIDATE_CASES_BREAKING_CLAUSE_5_4 = Set.of(
      // '>0.0.0|>=0.0.1': two lower bounds in a row; '0.0.4|<0.0.5': equality followed by an upper bound
      "vers:pypi/>0.0.0|>=0.0.1|0.0.2|<0.0.3|0.0.4|<0.0.5|>=0.0.6",
      // the same, and '>=0.0.1' twice, and '<0.0.5|<=0.0.6' two upper bounds in a row
      "vers:pypi/>0.0.0|>=0.0.1|>=0.0.1|0.0.2|0.0.3|0.0.4|<0.0.5|<=0.0.6|!=0.7|8.0|>12|<15.3",
      // '>0.0.0|>=0.0.1': two lower bounds in a row
      "vers:pypi/>0.0.0|>=0.0.1|0.0.2|0.0.3|0.0.4|<0.0.5|>=0.0.6|!=0.8");

  @TestFactory
  Stream<DynamicTest> canonicalParse() {
    return cases("vers_canonical_parse_test.json", "parse").map(t -> {
      String input = t.get("input").asText();
      if (PARSE_CASES_WITH_INVALID_VERSIONS.contains(input)) {
        return dynamicTest("rejected, version not valid in its scheme: " + input, () ->
            assertThatThrownBy(() -> VersionSet.parseCanonical(input))
                .isInstanceOf(VersSyntaxException.class)
                .hasMessageContaining("is not a valid npm version"));
      }
      return dynamicTest(t.get("description").asText() + " " + input, () -> {
        if (t.path("expected_failure").asBoolean(false)) {
          assertThatThrownBy(() -> VersionSet.parseCanonical(input))
              .isInstanceOf(VersSyntaxException.class)
              .hasMessageContaining(t.get("expected_message").asText());
        } else {
          VersionSet set = VersionSet.parseCanonical(input);
          JsonNode expected = t.get("expected_output");
          assertThat(set.scheme()).isEqualTo(expected.get("scheme").asText());
          List<List<String>> constraints = new ArrayList<>();
          for (VersConstraint c : set.constraints()) {
            String symbol = c.comparator() == VersComparator.EQUAL ? "=" : c.comparator().symbol();
            constraints.add(List.of(symbol, c.version()));
          }
          assertThat(constraints).isEqualTo(JSON.convertValue(expected.get("version_constraints"), List.class));
          assertThat(set).hasToString(input);
        }
      });
    });
  }

  @TestFactory
  Stream<DynamicTest> versionComparisons() {
    return Stream.of(
            "maven_version_cmp_test.json",
            "nuget_version_cmp_test.json",
            "datetime_version_cmp_test.json",
            "lexicographic-test.json")
        .flatMap(file -> cases(file, "comparison", "equality").map(t -> {
          JsonNode input = t.get("input");
          VersionScheme scheme = VersionSchemes.forName(input.get("input_scheme").asText()).orElseThrow();
          List<String> versions = strings(input.get("versions"));
          String name = file + " " + t.get("test_type").asText() + " " + versions;
          if (t.get("test_type").asText().equals("equality")) {
            boolean equal = t.get("expected_output").asBoolean();
            return dynamicTest(name, () ->
                assertThat(scheme.compare(versions.get(0), versions.get(1)) == 0).isEqualTo(equal));
          }
          List<String> expected = strings(t.get("expected_output"));
          return dynamicTest(name, () -> {
            List<String> sorted = new ArrayList<>(versions);
            sorted.sort(scheme::compare);
            for (int i = 0; i < expected.size(); i++) {
              // Expected lists may spell versions normalised (NuGet lower-cases), so compare by the scheme.
              assertThat(scheme.compare(sorted.get(i), expected.get(i))).as("position %d of %s", i, sorted).isZero();
              if (i > 0) assertThat(scheme.compare(expected.get(i - 1), expected.get(i))).isNegative();
            }
          });
        }));
  }

  @TestFactory
  Stream<DynamicTest> rangeContainment() {
    return Stream.of("npm_range_containment_test.json", "pypi_range_containment_test.json")
        .flatMap(file -> cases(file, "containment").map(t -> {
          String vers = t.get("input").get("vers").asText();
          String version = t.get("input").get("version").asText();
          Containment expected = t.get("expected_output").asBoolean() ? Containment.IN : Containment.OUT;
          return dynamicTest(file + " " + vers + " contains " + version, () ->
              assertThat(VersionSet.parse(vers).contains(version)).isEqualTo(expected));
        }));
  }

  @TestFactory
  Stream<DynamicTest> rangeValidation() {
    return cases("pypi_range_validate_test.json", "validate").map(t -> {
      String input = t.get("input").asText();
      if (VALIDATE_CASES_BREAKING_CLAUSE_5_4.contains(input)) {
        return dynamicTest("rejected, breaks clause 5.4: " + input, () ->
            assertThatThrownBy(() -> VersionSet.parse(input)).isInstanceOf(VersSyntaxException.class));
      }
      String expected = t.get("expected_output").asText();
      return dynamicTest(input, () -> assertThat(VersionSet.parse(input)).hasToString(expected));
    });
  }

  /** The cases of a file, failing if one has a test type this class does not run (nothing is skipped silently). */
  private static Stream<JsonNode> cases(String file, String... types) {
    JsonNode tests = read(file).get("tests");
    assertThat(tests).as(file).isNotEmpty();
    return StreamSupport.stream(tests.spliterator(), false).peek(t ->
        assertThat(t.get("test_type").asText()).as("test type in %s", file).isIn((Object[]) types));
  }

  private static JsonNode read(String file) {
    try (InputStream in = VersSpecSuiteTest.class.getResourceAsStream("/vers/" + file)) {
      if (in == null) throw new IllegalStateException("missing test resource /vers/" + file);
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

}
