package io.chainwatch.cli;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.hunt.HuntResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "hunts", description = "The stored hunts, newest first; 'hunt show ID' shows one.")
final class HuntsCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Option(names = "--format", description = "table or json (default: table)", defaultValue = "table")
  OutputFormat format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Chainwatch cw = main.open()) {
      List<HuntResult> hunts = cw.huntRepository().list();
      if (format == OutputFormat.json) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (HuntResult h : hunts) {
          Map<String, Object> m = HuntCommand.json(h);
          m.remove("sightings");
          m.put("started", h.started().toString());
          list.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("hunts", list);
        Json.write(out, doc);
        return ExitCodes.OK;
      }
      if (hunts.isEmpty()) {
        out.println("No hunts yet: run 'hunt --logs PATH'.");
        return ExitCodes.OK;
      }
      TextTable t = new TextTable("ID", "STARTED", "INCIDENT", "CUSTOMER", "FILES", "EVENTS", "LOGS");
      for (HuntResult h : hunts) {
        // to the second for people; JSON keeps the full time
        String started = h.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        t.row(Long.toString(h.id()), started, h.parameters().incident() == null ? "all" : h.parameters().incident(),
            h.parameters().customer() == null ? "-" : h.parameters().customer(), Long.toString(h.stats().files()),
            Long.toString(h.stats().events()), String.join(" ", h.parameters().logs()));
      }
      t.print(out, "");
    }
    return ExitCodes.OK;
  }
}
