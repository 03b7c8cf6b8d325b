package io.chainwatch.cli.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chainwatch.exposure.CustomerExposure;
import io.chainwatch.exposure.ExposedInstallation;
import io.chainwatch.exposure.ExposureReport;
import io.chainwatch.exposure.ExposureStatus;
import java.io.IOException;
import java.util.Map;

/**
 * The body of the contract's exposure JSON ({@code customers} with their {@code assets}, and {@code summary}), shared
 * by {@code exposure --format json}, {@code blast-radius} and the JSON report.
 */
public final class ExposureJson {
  private ExposureJson() {}

  /** @param hops also write each asset's hop labels (the trust edge crossed at each step of its path) */
  public static void body(JsonGenerator g, ExposureReport report, boolean hops) throws IOException {
    g.writeArrayFieldStart("customers");
    for (CustomerExposure c : report.customers()) {
      g.writeStartObject();
      g.writeStringField("customer", c.customer());
      g.writeNumberField("criticality", c.criticality());
      g.writeArrayFieldStart("assets");
      for (ExposedInstallation e : c.installations()) {
        g.writeStartObject();
        g.writeStringField("asset", e.asset());
        g.writeStringField("platform", e.platform().wireName());
        g.writeStringField("vendor", e.vendor());
        g.writeStringField("product", e.product());
        g.writeStringField("version", e.version());
        g.writeStringField("status", e.status().wireName());
        g.writeNumberField("confidence", e.confidence());
        g.writeArrayFieldStart("path");
        for (String node : e.path()) g.writeString(node);
        g.writeEndArray();
        if (hops) {
          g.writeArrayFieldStart("hops");
          for (String hop : e.hops()) g.writeString(hop);
          g.writeEndArray();
        }
        // Additive to CONTRACT.md: present only where the verdict is less precise than its status suggests.
        if (e.note() != null) g.writeStringField("note", e.note());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("summary");
    g.writeNumberField("customers", report.customerCount());
    g.writeNumberField("assets", report.assetCount());
    g.writeNumberField("installations", report.installationCount());
    g.writeObjectFieldStart("by_status");
    for (Map.Entry<ExposureStatus, Long> en : report.countByStatus().entrySet()) g.writeNumberField(en.getKey().wireName(), en.getValue());
    g.writeEndObject();
    g.writeEndObject();
  }
}
