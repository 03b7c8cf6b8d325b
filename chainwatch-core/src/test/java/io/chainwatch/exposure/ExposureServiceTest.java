package io.chainwatch.exposure;

import static io.chainwatch.portfolio.Platform.LINUX;
import static io.chainwatch.portfolio.Platform.MACOS;
import static io.chainwatch.portfolio.Platform.WINDOWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.portfolio.Platform;
import io.chainwatch.version.VersionSet;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ExposureServiceTest {
  private static ProductVersions threeCx(Platform p, String vers) {
    return ProductVersions.of("3CX", "3CX Desktop App", p, VersionSet.parse(vers));
  }

  private static Incident incident(String id, @Nullable String causedBy, List<ProductVersions> affected, List<ProductVersions> fixed) {
    return new Incident(id, id + " title", LocalDate.of(2023, 3, 29), causedBy, null, affected, fixed, List.of(), List.of(),
        List.of(), List.of(), List.of());
  }

  private static final Incident THREE_CX = incident("3CX-2023-03", "XTRADER-2022",
      List.of(threeCx(WINDOWS, "vers:generic/18.12.407|18.12.416"),
          threeCx(MACOS, "vers:generic/18.11.1213|18.12.402|18.12.407|18.12.416")),
      List.of(threeCx(WINDOWS, "vers:generic/>=18.12.422"), threeCx(MACOS, "vers:generic/>=18.12.422")));

  private static final Incident XTRADER = incident("XTRADER-2022", null,
      List.of(ProductVersions.of("Trading Technologies", "X_TRADER", WINDOWS, VersionSet.parse("vers:generic/7.17.90p608"))),
      List.of());

  private static Map<String, String> statusByAsset(ExposureReport r) {
    return r.customers().stream().flatMap(c -> c.installations().stream())
        .collect(Collectors.toMap(ExposedInstallation::asset, e -> e.status().wireName()));
  }

  @Test
  void exposure_windowsOnlyVersionOnMac_isAffected_andOnWindows_isNotAffected() {
    InMemoryPortfolio p = new InMemoryPortfolio().customer("Acme", 3)
        .install("Acme", "win", WINDOWS, "3CX", "3CX Desktop App", "18.12.402")
        .install("Acme", "mac", MACOS, "3CX", "3CX Desktop App", "18.12.402")
        .incident(THREE_CX);
    ExposureReport r = new ExposureService(p, p).exposure("3CX-2023-03", null, true);
    assertThat(statusByAsset(r)).containsEntry("mac", "affected").containsEntry("win", "not-affected");
  }

  @Test
  void exposure_vendorSpelledDifferently_matchesByNormalisedName() {
    InMemoryPortfolio p = new InMemoryPortfolio().customer("Acme", 3)
        .install("Acme", "a1", WINDOWS, "3CX Ltd.", "3cx desktop-app", "18.12.416")
        .incident(THREE_CX);
    ExposedInstallation e = new ExposureService(p, p).exposure("3CX-2023-03", null, false).customers().get(0).installations().get(0);
    assertThat(e.status()).isEqualTo(ExposureStatus.AFFECTED);
    assertThat(e.confidence()).isEqualTo(100);
    assertThat(e.path()).containsExactly("incident:3CX-2023-03", "release:3CX/3CX Desktop App@18.12.416#windows");
  }

  @Test
  void exposure_withoutAll_hidesFixedAndNotAffected_withAll_showsThem() {
    InMemoryPortfolio p = new InMemoryPortfolio().customer("Acme", 3)
        .install("Acme", "fixed", WINDOWS, "3CX", "3CX Desktop App", "18.12.425")
        .install("Acme", "old", WINDOWS, "3CX", "3CX Desktop App", "18.10.1")
        .install("Acme", "hit", WINDOWS, "3CX", "3CX Desktop App", "18.12.407")
        .incident(THREE_CX);
    ExposureService s = new ExposureService(p, p);
    assertThat(statusByAsset(s.exposure("3CX-2023-03", null, false))).containsOnly(Map.entry("hit", "affected"));
    assertThat(statusByAsset(s.exposure("3CX-2023-03", null, true)))
        .containsOnly(Map.entry("hit", "affected"), Map.entry("fixed", "fixed"), Map.entry("old", "not-affected"));
  }

  @Test
  void exposure_unplaceableVersion_isUnknown() {
    InMemoryPortfolio p = new InMemoryPortfolio().customer("Acme", 3)
        .install("Acme", "blank", WINDOWS, "3CX", "3CX Desktop App", "")
        .incident(THREE_CX);
    ExposedInstallation e = new ExposureService(p, p).exposure("3CX-2023-03", null, false).customers().get(0).installations().get(0);
    assertThat(e.status()).isEqualTo(ExposureStatus.UNKNOWN);
    assertThat(e.confidence()).isLessThan(100);
  }

  @Test
  void exposure_freeTextRange_isUnknown() {
    Incident freeText = incident("CSAF-1", null, List.of(new ProductVersions("3CX", "3CX Desktop App", Platform.ANY, null,
        "all versions before the April update", null, null)), List.of());
    InMemoryPortfolio p = new InMemoryPortfolio().customer("Acme", 3)
        .install("Acme", "a", WINDOWS, "3CX", "3CX Desktop App", "18.12.416")
        .incident(freeText);
    assertThat(statusByAsset(new ExposureService(p, p).exposure("CSAF-1", null, false))).containsOnly(Map.entry("a", "unknown"));
  }

  @Test
  void exposure_platformTheAdvisoryDoesNotName_isNotAffected() {
    InMemoryPortfolio p = new InMemoryPortfolio().customer("Acme", 3)
        .install("Acme", "tux", LINUX, "3CX", "3CX Desktop App", "18.12.416")
        .incident(THREE_CX);
    assertThat(statusByAsset(new ExposureService(p, p).exposure("3CX-2023-03", null, true))).containsOnly(Map.entry("tux", "not-affected"));
  }

  @Test
  void exposure_upstreamIncident_includesCustomersOfTheIncidentItCaused_withEveryHopInThePath() {
    InMemoryPortfolio p = new InMemoryPortfolio().customer("Bank", 4).customer("Factory", 5)
        .install("Bank", "trader", WINDOWS, "Trading Technologies International, Inc", "X_TRADER", "7.17.90p608")
        .install("Bank", "trader-old", WINDOWS, "Trading Technologies", "X_TRADER", "7.17.90")
        .install("Factory", "phone", WINDOWS, "3CX", "3CX Desktop App", "18.12.416")
        .incident(XTRADER).incident(THREE_CX);
    ExposureReport r = new ExposureService(p, p).exposure("XTRADER-2022", null, false);
    assertThat(r.customers()).extracting(CustomerExposure::customer).containsExactly("Factory", "Bank");
    ExposedInstallation phone = r.customers().get(0).installations().get(0);
    assertThat(phone.status()).isEqualTo(ExposureStatus.AFFECTED);
    assertThat(phone.path()).containsExactly("incident:XTRADER-2022", "incident:3CX-2023-03",
        "release:3CX/3CX Desktop App@18.12.416#windows");
    assertThat(statusByAsset(r)).containsOnly(Map.entry("phone", "affected"), Map.entry("trader", "affected"));
    ExposedInstallation trader = r.customers().get(1).installations().get(0);
    assertThat(trader.confidence()).as("vendor named with extra words: a name match, not an identity").isEqualTo(90);
    assertThat(trader.path()).containsExactly("incident:XTRADER-2022", "release:Trading Technologies/X_TRADER@7.17.90p608#windows");
  }

  @Test
  void exposure_causedByCycle_terminates() {
    Incident a = incident("A", "B", List.of(threeCx(WINDOWS, "vers:generic/1.0")), List.of());
    Incident b = incident("B", "A", List.of(threeCx(WINDOWS, "vers:generic/2.0")), List.of());
    InMemoryPortfolio p = new InMemoryPortfolio().customer("Acme", 3)
        .install("Acme", "one", WINDOWS, "3CX", "3CX Desktop App", "1.0")
        .install("Acme", "two", WINDOWS, "3CX", "3CX Desktop App", "2.0")
        .incident(a).incident(b);
    assertThat(statusByAsset(new ExposureService(p, p).exposure("A", null, false)))
        .containsOnly(Map.entry("one", "affected"), Map.entry("two", "affected"));
  }

  @Test
  void exposure_customersOrderedByCriticality_thenName() {
    InMemoryPortfolio p = new InMemoryPortfolio().customer("Zeta", 5).customer("Alpha", 2).customer("Beta", 5)
        .install("Alpha", "a", WINDOWS, "3CX", "3CX Desktop App", "18.12.416")
        .install("Zeta", "z", WINDOWS, "3CX", "3CX Desktop App", "18.12.416")
        .install("Beta", "b", WINDOWS, "3CX", "3CX Desktop App", "18.12.416")
        .incident(THREE_CX);
    ExposureReport r = new ExposureService(p, p).exposure("3CX-2023-03", null, false);
    assertThat(r.customers()).extracting(CustomerExposure::customer).containsExactly("Beta", "Zeta", "Alpha");
    assertThat(r.assetCount()).isEqualTo(3);
  }

  @Test
  void exposure_customerFilter_showsOnlyThatCustomer_andUnknownCustomerIsRejected() {
    InMemoryPortfolio p = new InMemoryPortfolio().customer("A", 3).customer("B", 3)
        .install("A", "a", WINDOWS, "3CX", "3CX Desktop App", "18.12.416")
        .install("B", "b", WINDOWS, "3CX", "3CX Desktop App", "18.12.416")
        .incident(THREE_CX);
    ExposureService s = new ExposureService(p, p);
    assertThat(statusByAsset(s.exposure("3CX-2023-03", "B", false))).containsOnlyKeys("b");
    assertThatThrownBy(() -> s.exposure("3CX-2023-03", "Nobody", false)).isInstanceOf(UnknownCustomer.class);
  }

  @Test
  void exposure_unknownIncident_isRejected() {
    InMemoryPortfolio p = new InMemoryPortfolio();
    assertThatThrownBy(() -> new ExposureService(p, p).exposure("NOPE", null, false))
        .isInstanceOf(UnknownIncident.class).hasMessageContaining("NOPE");
  }

  @Test
  void exposure_matchesByPurlWhenNamesDiffer() {
    Incident byPurl = incident("P-1", null, List.of(new ProductVersions("Some Vendor", "Some Name", Platform.ANY,
        VersionSet.parse("vers:generic/1.2.3"), "vers:generic/1.2.3", "pkg:generic/acme/widget", null)), List.of());
    InMemoryPortfolio p = new InMemoryPortfolio().customer("A", 3)
        .install("A", "host", WINDOWS, "ACME Corp", "Widget Pro", "1.2.3", "pkg:generic/acme/widget@1.2.3?os=windows", null)
        .incident(byPurl);
    assertThat(statusByAsset(new ExposureService(p, p).exposure("P-1", null, false))).containsOnly(Map.entry("host", "affected"));
  }

  @Test
  void exposure_matchesByCpeWhenNamesDiffer() {
    Incident byCpe = incident("C-1", null, List.of(new ProductVersions("x", "y", Platform.ANY,
        VersionSet.parse("vers:generic/2.0"), "vers:generic/2.0", null, "cpe:2.3:a:acme:widget:*:*:*:*:*:*:*:*")), List.of());
    InMemoryPortfolio p = new InMemoryPortfolio().customer("A", 3)
        .install("A", "host", WINDOWS, "ACME Corp", "Widget Pro", "2.0", null, "cpe:/a:acme:widget:2.0")
        .incident(byCpe);
    assertThat(statusByAsset(new ExposureService(p, p).exposure("C-1", null, false))).containsOnly(Map.entry("host", "affected"));
  }

  @Test
  void moreSpecific_versionLevelVerdictBeatsPotential() {
    ExposedInstallation potential = new ExposedInstallation(1, "A", 3, "a", WINDOWS, "v", "p", "1", ExposureStatus.POTENTIAL, 90, List.of("x", "y"));
    ExposedInstallation fixed = new ExposedInstallation(1, "A", 3, "a", WINDOWS, "v", "p", "1", ExposureStatus.FIXED, 100, List.of("x", "y", "z"));
    assertThat(ExposureService.moreSpecific(potential, fixed)).isSameAs(fixed);
    assertThat(ExposureService.moreSpecific(fixed, potential)).isSameAs(fixed);
  }

  @Test
  void exposure_advisoryNamingOnlyFixedReleases_takesOlderReleasesAsAffected_withLessConfidence() {
    Incident fixedOnly = incident("RHSA-1", null, List.of(),
        List.of(ProductVersions.of("Red Hat", "telnet", Platform.ANY, VersionSet.parse("vers:rpm/1:0.17-65.el7_6"))));
    InMemoryPortfolio p = new InMemoryPortfolio().customer("Acme", 3)
        .install("Acme", "old", LINUX, "Red Hat", "telnet", "1:0.17-64.el7")
        .install("Acme", "same", LINUX, "Red Hat", "telnet", "1:0.17-65.el7_6")
        .incident(fixedOnly);
    ExposureReport r = new ExposureService(p, p).exposure("RHSA-1", null, true);
    assertThat(statusByAsset(r)).containsOnly(Map.entry("old", "affected"), Map.entry("same", "fixed"));
    ExposedInstallation old = r.customers().get(0).installations().stream().filter(e -> e.asset().equals("old")).findFirst().orElseThrow();
    assertThat(old.confidence()).isEqualTo(70);
  }

  @Test
  void exposure_olderThanFixed_isNotInferredAffected_whenTheAdvisoryListsAffectedReleasesForThatPlatform() {
    InMemoryPortfolio p = new InMemoryPortfolio().customer("Acme", 3)
        .install("Acme", "old-win", WINDOWS, "3CX", "3CX Desktop App", "18.10.1")
        .incident(THREE_CX);
    assertThat(statusByAsset(new ExposureService(p, p).exposure("3CX-2023-03", null, true))).containsOnly(Map.entry("old-win", "not-affected"));
  }
}
