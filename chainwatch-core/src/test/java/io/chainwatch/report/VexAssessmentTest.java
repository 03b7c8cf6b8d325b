package io.chainwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Which triage outcome settles a customer's undetermined releases in VEX (issue 7). */
class VexAssessmentTest {
  private static ReportCase c(String state, @Nullable String disposition) {
    Instant t = Instant.parse("2023-03-30T00:00:00Z");
    return new ReportCase("Acme", "1", state, disposition, "high", null, List.of("pc-1"), 1, 0, t, t);
  }

  @Test
  void settled_noCase_orAnOpenOne_settlesNothing() {
    assertThat(VexAssessment.settled(List.of())).isNull();
    assertThat(VexAssessment.settled(List.of(c("investigating", null)))).isNull();
    assertThat(VexAssessment.settled(List.of(c("resolved", "false-positive"), c("new", null)))).isNull();
  }

  @Test
  void settled_aResolvedTruePositive_winsWhateverElseIsOpen() {
    assertThat(VexAssessment.settled(List.of(c("new", null), c("resolved", "true-positive")))).isEqualTo("true-positive");
    assertThat(VexAssessment.settled(List.of(c("resolved", "false-positive"), c("resolved", "true-positive")))).isEqualTo("true-positive");
  }

  @Test
  void settled_allResolved_aFalsePositiveOrBenignClears_inconclusiveAloneDoesNot() {
    assertThat(VexAssessment.settled(List.of(c("resolved", "benign")))).isEqualTo("benign");
    assertThat(VexAssessment.settled(List.of(c("resolved", "duplicate"), c("resolved", "false-positive")))).isEqualTo("false-positive");
    assertThat(VexAssessment.settled(List.of(c("resolved", "inconclusive")))).isNull();
  }
}
