package io.chainwatch.verify.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerAnomaliesTest {
  private static ReleaseRecord feed(String version, LocalDate published, String hash) {
    return ReleaseRecord.published("3CX", "Desktop App", version, "windows", "app.msi", hash.repeat(64), "a".repeat(40), published, "vendor-feed");
  }

  private static ReleaseRecord observed(String version, String file, String hash, String status, long appended, boolean inBundle) {
    return new ReleaseRecord("3CX", "Desktop App", version, "windows", file, hash.repeat(64), null, LocalDate.of(2023, 3, 20),
        "customer:Acme", status, appended, inBundle);
  }

  private static List<String> kinds(List<Anomaly> anomalies) {
    return anomalies.stream().map(Anomaly::kind).toList();
  }

  @Test
  void regularMonthlyReleases_haveNoAnomalies() {
    List<ReleaseRecord> rows = new ArrayList<>();
    for (int i = 1; i <= 6; i++) rows.add(feed("1." + i, LocalDate.of(2023, i, 1), String.valueOf(i)));
    assertThat(LedgerAnomalies.find(rows)).isEmpty();
  }

  @Test
  void releaseTwoDaysAfterMonthlyCadence_isOutOfCadence_withMedian() {
    List<ReleaseRecord> rows = new ArrayList<>();
    for (int i = 1; i <= 6; i++) rows.add(feed("1." + i, LocalDate.of(2023, i, 1), String.valueOf(i)));
    rows.add(feed("1.7", LocalDate.of(2023, 6, 3), "7"));
    List<Anomaly> found = LedgerAnomalies.find(rows);
    assertThat(kinds(found)).containsExactly("out-of-cadence");
    assertThat(found.get(0).version()).isEqualTo("1.7");
    assertThat(found.get(0).detail()).contains("2 days after 1.6").contains("median");
  }

  @Test
  void paddedObservation_isPaddedSignature() {
    List<Anomaly> found = LedgerAnomalies.find(List.of(observed("18.12.416", "d3dcompiler_47.dll", "d", "valid", 4096, false)));
    assertThat(kinds(found)).containsExactly("padded-signature");
    assertThat(found.get(0).detail()).contains("4096 bytes").contains("CVE-2013-3900");
  }

  @Test
  void unsignedModuleChangedSincePreviousVersion_isReported_unchangedIsNot() {
    List<ReleaseRecord> rows = List.of(
        observed("18.12.407", "ffmpeg.dll", "e", "unsigned", 0, true),
        observed("18.12.407", "libEGL.dll", "f", "unsigned", 0, true),
        observed("18.12.416", "ffmpeg.dll", "9", "unsigned", 0, true),
        observed("18.12.416", "libEGL.dll", "f", "unsigned", 0, true));
    List<Anomaly> found = LedgerAnomalies.find(rows).stream().filter(a -> a.version().equals("18.12.416")).toList();
    assertThat(kinds(found)).containsExactly("unsigned-module");
    assertThat(found.get(0).detail()).contains("ffmpeg.dll").contains("changed since 18.12.407");
    assertThat(found.get(0).rows()).hasSize(2);
  }
}
