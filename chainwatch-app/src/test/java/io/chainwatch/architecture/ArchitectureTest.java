package io.chainwatch.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of ARCHITECTURE.md: dependencies point inward, to a core that knows no framework. */
class ArchitectureTest {
  /** The core's feature packages (module chainwatch-core). */
  static final String[] CORE = {
      "io.chainwatch.portfolio..", "io.chainwatch.advisory..", "io.chainwatch.version..", "io.chainwatch.exposure..",
      "io.chainwatch.ingest..", "io.chainwatch.intel..", "io.chainwatch.common..", "io.chainwatch.graph..",
      "io.chainwatch.hunt..", "io.chainwatch.verify..", "io.chainwatch.triage..", "io.chainwatch.report..",
      "io.chainwatch.threatmodel.."};

  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.chainwatch");
  }

  @Test
  void core_dependsOnTheJdkAndJSpecifyOnly() {
    classes().that().resideInAnyPackage(CORE)
        .should().onlyDependOnClassesThat().resideInAnyPackage(concat(CORE, "java..", "org.jspecify.."))
        .because("the core knows no framework, SQL, CLI or HTTP: adapters map to and from its records (ARCHITECTURE.md rule 1)")
        .check(classes);
  }

  @Test
  void core_usesNoJdbc() {
    noClasses().that().resideInAnyPackage(CORE).should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
        .because("SQL lives in the store module behind the core's ports")
        .check(classes);
  }

  @Test
  void formats_doNotKnowTheStoreOrTheEdges() {
    noClasses().that().resideInAPackage("io.chainwatch.formats..")
        .should().dependOnClassesThat().resideInAnyPackage("io.chainwatch.store..", "io.chainwatch.cli..", "io.chainwatch.app..", "java.sql..")
        .because("a parser turns bytes into core records and hands them to a sink; where they go is not its business")
        .check(classes);
  }

  @Test
  void store_doesNotKnowFormatsOrTheEdges() {
    noClasses().that().resideInAPackage("io.chainwatch.store..")
        .should().dependOnClassesThat().resideInAnyPackage("io.chainwatch.formats..", "io.chainwatch.cli..", "io.chainwatch.app..")
        .because("the store implements the core's ports and nothing else")
        .check(classes);
  }

  @Test
  void cli_goesThroughTheCompositionRoot_notTheStore() {
    noClasses().that().resideInAPackage("io.chainwatch.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("io.chainwatch.store..", "java.sql..")
        .because("a command parses input, calls one service through Chainwatch, and renders the answer (rule 7)")
        .check(classes);
  }

  @Test
  void formatPackages_areIndependentOfEachOther() {
    slices().matching("io.chainwatch.formats.(*)..").should().notDependOnEachOther()
        .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage("io.chainwatch.formats.text..",
                "io.chainwatch.formats.sbom.."))
        .because("one format = one package; only the shared text and SBOM utilities are used across formats (rule 2)")
        .check(classes);
  }

  @Test
  void corePackages_haveNoCycles() {
    slices().matching("io.chainwatch.(*)..").should().beFreeOfCycles()
        .because("features depend on each other in one direction, so a newcomer can follow data without backtracking")
        .check(classes);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
