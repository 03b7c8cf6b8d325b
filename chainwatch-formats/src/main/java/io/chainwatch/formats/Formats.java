package io.chainwatch.formats;

import io.chainwatch.formats.advisory.AdvisoryParser;
import io.chainwatch.formats.csaf.CsafParser;
import io.chainwatch.formats.customers.CustomersCsvParser;
import io.chainwatch.formats.cyclonedx.CycloneDxParser;
import io.chainwatch.formats.intel.misp.MispParser;
import io.chainwatch.formats.intel.stix.StixParser;
import io.chainwatch.formats.intel.warninglist.WarninglistParser;
import io.chainwatch.formats.inventory.InventoryCsvParser;
import io.chainwatch.formats.ledger.ReleasesCsvParser;
import io.chainwatch.formats.osv.OsvParser;
import io.chainwatch.formats.spdx.SpdxParser;
import io.chainwatch.formats.trustedges.TrustEdgesCsvParser;
import io.chainwatch.ingest.Parser;
import java.util.List;

/**
 * The registry: every parser, in one fixed order. No classpath scanning: what Chainwatch reads is listed here, and
 * detection is deterministic (each sniff is exclusive; a file two parsers accept is an error naming both).
 */
public final class Formats {
  private Formats() {}

  public static List<Parser> registry() {
    return List.of(
        new CustomersCsvParser(),
        new InventoryCsvParser(),
        new ReleasesCsvParser(),
        new AdvisoryParser(),
        new CsafParser(),
        new CycloneDxParser(),
        new SpdxParser(),
        new TrustEdgesCsvParser(),
        new StixParser(),
        new MispParser(),
        new WarninglistParser(),
        new OsvParser());
  }
}
