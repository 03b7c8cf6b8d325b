package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code downstream} over Sysmon and Zeek telemetry built here: the 3CX pattern (the update on 2023-03-13, the
 * desktop app's first contacts with raw.githubusercontent.com and a C2 domain a week later) among behaviour that
 * continued or stopped, and decoys from other processes and hosts.
 */
class DownstreamCliTest {
  static final String APP = "C:\\\\Users\\\\alice\\\\AppData\\\\Local\\\\Programs\\\\3CXDesktopApp\\\\3CXDesktopApp.exe";
  static final String APP2 = "C:\\\\Users\\\\bob\\\\AppData\\\\Local\\\\Programs\\\\3CXDesktopApp\\\\3CXDesktopApp.exe";

  @TempDir Path dir;
  CliRun cli;
  Path logs;
  final ObjectMapper json = new ObjectMapper();

  static String sysmon(int id, String computer, String utc, String fields) {
    return "{\"EventID\":" + id + ",\"Computer\":\"" + computer + "\",\"Channel\":\"Microsoft-Windows-Sysmon/Operational\","
        + "\"UtcTime\":\"" + utc + "\"," + fields + "}";
  }

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliRun(dir);
    Path inventory = dir.resolve("inventory.csv");
    Files.writeString(inventory, String.join("\n",
        "customer,asset,platform,vendor,product,version,ip,install_path",
        "Acme,ws-01,windows,3CX,3CX Desktop App,18.12.416,10.1.0.11,C:\\Users\\alice\\AppData\\Local\\Programs\\3CXDesktopApp",
        "Acme,ws-02,windows,3CX Ltd,3CX Desktop App,18.12.416,10.1.0.12,",
        "Acme,ws-03,windows,Microsoft,Edge,110.0,10.1.0.13,",
        ""), StandardCharsets.UTF_8);
    CliRun.Result r = cli.run("import", inventory.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    logs = Files.createDirectories(dir.resolve("logs"));
    List<String> s = new ArrayList<>();
    // Before the update: the app looks up and contacts its vendor, loads a system module, and phones a name it later drops.
    s.add(sysmon(1, "WS-01.acme.local", "2023-03-01 09:00:00.000", "\"Image\":\"" + APP + "\",\"ParentImage\":\"C:\\\\Windows\\\\explorer.exe\""));
    s.add(sysmon(22, "WS-01.acme.local", "2023-03-01 09:00:05.000", "\"Image\":\"" + APP + "\",\"QueryName\":\"www.3cx.com\""));
    s.add(sysmon(3, "WS-01.acme.local", "2023-03-01 09:00:06.000", "\"Image\":\"" + APP + "\",\"DestinationHostname\":\"www.3cx.com\",\"DestinationIp\":\"104.18.1.1\",\"DestinationPort\":\"443\""));
    s.add(sysmon(7, "WS-01.acme.local", "2023-03-01 09:00:01.000", "\"Image\":\"" + APP + "\",\"ImageLoaded\":\"C:\\\\Users\\\\alice\\\\AppData\\\\Local\\\\Programs\\\\3CXDesktopApp\\\\ffmpeg.dll\""));
    s.add(sysmon(22, "WS-01.acme.local", "2023-03-02 09:00:05.000", "\"Image\":\"" + APP + "\",\"QueryName\":\"old-telemetry.3cx.net\""));
    // After: the same vendor contact on another host (another user's folder: the same module path once normalised).
    s.add(sysmon(22, "WS-02", "2023-03-14 09:00:05.000", "\"Image\":\"" + APP2 + "\",\"QueryName\":\"www.3cx.com.\""));
    s.add(sysmon(7, "WS-02", "2023-03-14 09:00:01.000", "\"Image\":\"" + APP2 + "\",\"ImageLoaded\":\"C:\\\\Users\\\\bob\\\\AppData\\\\Local\\\\Programs\\\\3CXDesktopApp\\\\ffmpeg.dll\""));
    // A week after the update: the dead drop on GitHub, then the C2, from both hosts; a new child process.
    s.add(sysmon(22, "WS-01.acme.local", "2023-03-20 10:00:00.000", "\"Image\":\"" + APP + "\",\"QueryName\":\"raw.githubusercontent.com\""));
    s.add(sysmon(3, "WS-01.acme.local", "2023-03-20 10:00:01.000", "\"Image\":\"" + APP + "\",\"DestinationHostname\":\"\",\"DestinationIp\":\"185.199.108.133\",\"DestinationPort\":\"443\""));
    s.add(sysmon(22, "WS-02", "2023-03-21 08:00:00.000", "\"Image\":\"" + APP2 + "\",\"QueryName\":\"raw.githubusercontent.com\""));
    s.add(sysmon(22, "WS-01.acme.local", "2023-03-21 10:00:00.000", "\"Image\":\"" + APP + "\",\"QueryName\":\"akamaicontainer.com\""));
    s.add(sysmon(1, "WS-01.acme.local", "2023-03-21 10:01:00.000", "\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\",\"ParentImage\":\"" + APP + "\""));
    // Decoys: another process's lookups, and a process with a different name (found only with --executable).
    s.add(sysmon(22, "WS-01.acme.local", "2023-03-20 11:00:00.000", "\"Image\":\"C:\\\\Windows\\\\explorer.exe\",\"QueryName\":\"decoy.example\""));
    s.add(sysmon(22, "WS-01.acme.local", "2023-03-20 11:00:00.000", "\"Image\":\"C:\\\\Tools\\\\3cxhelper.exe\",\"QueryName\":\"helper.example\""));
    write("sysmon/events.json", String.join("\n", s) + "\n");
    // Zeek DNS: a C2 lookup from ws-02's address (a product host), a lookup from ws-03 (not one), one before the update.
    write("zeek/dns.log", String.join("\n",
        "#separator \\x09",
        "#path\tdns",
        "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tquery",
        "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring",
        "1677661200.000000\tC0\t10.1.0.12\t53000\t10.1.0.1\t53\tudp\twww.3cx.com",
        "1679392800.000000\tC1\t10.1.0.12\t53001\t10.1.0.1\t53\tudp\tpbxsources.com",
        "1679392900.000000\tC2\t10.1.0.13\t53002\t10.1.0.1\t53\tudp\tjournalide.org",
        ""));
  }

  private void write(String name, String content) throws IOException {
    Path p = logs.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
  }

  private static List<String> rows(JsonNode doc) {
    List<String> out = new ArrayList<>();
    for (JsonNode b : doc.get("behaviours")) {
      out.add(b.get("status").asText() + " " + b.get("kind").asText() + " " + b.get("value").asText() + " "
          + b.get("attribution").asText() + " " + b.get("before").asLong() + "/" + b.get("after").asLong() + " "
          + b.get("hosts").toString());
    }
    return out;
  }

  @Test
  void downstreamJson_newContactsAWeekAfterTheUpdate_first_thenContinuedAndStopped_noDecoys() throws IOException {
    CliRun.Result r = cli.run("downstream", "--product", "3CX/3CX Desktop App", "--logs", logs.toString(),
        "--since", "2023-03-13", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode doc = json.readTree(r.out());
    assertThat(rows(doc)).containsExactly(
        "new dns raw.githubusercontent.com process 0/2 [\"ws-01\",\"ws-02\"]",
        "new connection 185.199.108.133:443 process 0/1 [\"ws-01\"]",
        "new dns akamaicontainer.com process 0/1 [\"ws-01\"]",
        "new child-process c:\\windows\\system32\\cmd.exe process 0/1 [\"ws-01\"]",
        "new dns pbxsources.com host 0/1 [\"ws-02\"]",
        "continued module c:\\users\\*\\appdata\\local\\programs\\3cxdesktopapp\\ffmpeg.dll process 1/1 [\"ws-01\",\"ws-02\"]",
        "continued dns www.3cx.com process 1/1 [\"ws-01\",\"ws-02\"]",
        "stopped connection www.3cx.com:443 process 1/0 [\"ws-01\"]",
        "stopped dns old-telemetry.3cx.net process 1/0 [\"ws-01\"]",
        "stopped dns www.3cx.com host 1/0 [\"ws-02\"]");
    JsonNode github = doc.get("behaviours").get(0);
    assertThat(github.get("first_seen_after").asText()).isEqualTo("2023-03-20T10:00:00Z");
    assertThat(github.get("days_after_update").asLong()).isEqualTo(7);
    assertThat(github.get("evidence").asText()).endsWith("events.json:8");
    assertThat(doc.get("product_hosts").toString()).isEqualTo("[\"ws-01\",\"ws-02\"]");
    assertThat(doc.get("read").get("product_before").asLong()).isEqualTo(6);
    assertThat(doc.get("read").get("product_after").asLong()).isEqualTo(8);
    assertThat(doc.get("notes")).isEmpty();
  }

  @Test
  void downstream_executableOption_addsAProcess_tableListsNewFirst() throws IOException {
    CliRun.Result r = cli.run("downstream", "--product", "3CX/3CX Desktop App", "--logs", logs.toString(),
        "--since", "2023-03-13", "--executable", "C:\\Tools\\3CXHelper.exe");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("6 new behaviour(s) after the update:").contains("helper.example");
    List<String> lines = r.out().lines().filter(l -> l.startsWith("new ") || l.startsWith("continued ") || l.startsWith("stopped ")).toList();
    assertThat(lines.get(0)).startsWith("new").contains("raw.githubusercontent.com").contains("2023-03-20T10:00:00Z");
    assertThat(lines.get(lines.size() - 1)).startsWith("stopped");
    assertThat(r.out()).doesNotContain("decoy.example").doesNotContain("journalide.org");
  }

  @Test
  void downstream_noBaseline_saysSo_badProductIsUsage_missingLogsRejected() throws IOException {
    CliRun.Result late = cli.run("downstream", "--product", "3CX/3CX Desktop App", "--logs", logs.toString(),
        "--since", "2023-02-01", "--format", "json");
    assertThat(late.exit()).as(late.err()).isZero();
    assertThat(json.readTree(late.out()).get("notes").get(0).asText()).contains("for want of a baseline");
    assertThat(cli.run("downstream", "--product", "3CX Desktop App", "--logs", logs.toString(), "--since", "2023-03-13").exit())
        .isEqualTo(ExitCodes.USAGE);
    CliRun.Result missing = cli.run("downstream", "--product", "3CX/3CX Desktop App", "--logs", dir.resolve("nope").toString(),
        "--since", "2023-03-13");
    assertThat(missing.exit()).isEqualTo(ExitCodes.REJECTED);
    assertThat(missing.err()).contains("nope");
  }
}
