package io.chainwatch.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chainwatch.app.Chainwatch;
import io.chainwatch.exposure.UnknownCustomer;
import io.chainwatch.graph.FourthParties.Provider;
import io.chainwatch.graph.TrustPathSearch;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "fourth-parties", description = {
    "The vendors a customer depends on, and their vendors, as a tree with the products and trust-graph edges that tie",
    "them. The depth is the DORA register's rank (1 = the customer's direct providers)."})
final class FourthPartiesCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Option(names = "--customer", paramLabel = "C", required = true, description = "The customer.") String customer;

  @Option(names = "--format", description = "table or json (default: table)", defaultValue = "table")
  OutputFormat format;

  @Override
  public Integer call() {
    if (format != OutputFormat.table && format != OutputFormat.json) throw new UsageProblem("fourth-parties has no " + format + " format; use table or json");
    PrintWriter out = spec.commandLine().getOut();
    try (Chainwatch cw = main.open()) {
      if (cw.portfolio().customer(customer).isEmpty()) throw new UnknownCustomer(customer);
      List<Provider> tree = cw.fourthParties().of(customer, TrustPathSearch.DEFAULT_MAX_HOPS + 1);
      if (format == OutputFormat.json) json(out, tree);
      else table(out, tree);
    }
    return ExitCodes.OK;
  }

  private void json(PrintWriter out, List<Provider> tree) {
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeStringField("customer", customer);
      g.writeFieldName("providers");
      providers(g, tree);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }

  private static void providers(JsonGenerator g, List<Provider> list) throws IOException {
    g.writeStartArray();
    for (Provider p : list) {
      g.writeStartObject();
      g.writeStringField("vendor", p.vendor());
      g.writeNumberField("rank", p.rank());
      g.writeArrayFieldStart("ties");
      for (String t : p.ties()) g.writeString(t);
      g.writeEndArray();
      g.writeFieldName("providers");
      providers(g, p.providers());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void table(PrintWriter out, List<Provider> tree) {
    out.println("Providers of " + TextTable.sanitize(customer) + " (rank 1 = direct providers)");
    out.println();
    if (tree.isEmpty()) {
      out.println("No current installations, so no providers.");
      return;
    }
    for (Provider p : tree) print(out, p, "");
  }

  private static void print(PrintWriter out, Provider p, String indent) {
    out.println(indent + "[rank " + p.rank() + "] " + TextTable.sanitize(p.vendor()));
    for (String t : p.ties()) out.println(indent + "    via " + TextTable.sanitize(t));
    for (Provider c : p.providers()) print(out, c, indent + "  ");
  }
}
