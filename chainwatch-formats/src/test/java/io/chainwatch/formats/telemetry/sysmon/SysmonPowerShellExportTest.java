package io.chainwatch.formats.telemetry.sysmon;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.formats.telemetry.CollectedTelemetry;
import io.chainwatch.formats.telemetry.Telemetry;
import io.chainwatch.hunt.TelemetryEvent;
import io.chainwatch.hunt.TelemetryReader;
import io.chainwatch.ingest.Head;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Windows events exported with PowerShell, {@code Get-WinEvent -LogName Microsoft-Windows-Sysmon/Operational |
 * ConvertTo-Json}, as Windows PowerShell 5.1 writes it (an array, {@code "Name":  value}, CRLF, times as
 * {@code "\/Date(ms)\/"}): the record's .NET properties, the event data only in the rendered {@code Message}, the
 * {@code Properties} values without names. The sample is made in that layout (SOURCES.md).
 */
class SysmonPowerShellExportTest {
  private static final Path SAMPLE = Path.of("src/test/resources/telemetry/sysmon/powershell-get-winevent.json");

  private static CollectedTelemetry read(byte[] bytes) throws IOException {
    Head head = new Head("events.json", Arrays.copyOf(bytes, Math.min(bytes.length, Head.SIZE)));
    List<TelemetryReader> accepting = Telemetry.readers().stream().filter(r -> r.accepts(head)).toList();
    assertThat(accepting).extracting(TelemetryReader::name).containsExactly("telemetry/windows-json");
    CollectedTelemetry c = new CollectedTelemetry();
    accepting.get(0).read("events.json", new ByteArrayInputStream(bytes), c);
    return c;
  }

  @Test
  void sysmonEvents_getTheirDataFromTheMessage_theHostFromMachineName() throws IOException {
    CollectedTelemetry c = read(Files.readAllBytes(SAMPLE));

    assertThat(c.problems).isEmpty();
    assertThat(c.events).extracting(TelemetryEvent::kind).containsExactly("sysmon.22", "sysmon.3", "sysmon.1", "windows.4688");
    TelemetryEvent dns = c.events.get(0);
    assertThat(dns.field("QueryName")).isEqualTo("akamaicontainer.com");
    assertThat(dns.host()).isEqualTo("acct-ws-14.corp.example");
    assertThat(dns.time()).isEqualTo(Instant.parse("2023-03-22T10:01:02.123Z")); // UtcTime, not the record's time
    // the message's ProcessId (the querying process), not the record's (Sysmon's service)
    assertThat(dns.field("ProcessId")).isEqualTo("4242");
    assertThat(dns.field("Image")).endsWith("\\3CXDesktopApp.exe");

    TelemetryEvent connect = c.events.get(1);
    assertThat(connect.sourceAddress()).isEqualTo("10.4.7.14");
    assertThat(connect.destinationAddress()).isEqualTo("104.21.33.42");
    assertThat(connect.destinationPort()).isEqualTo(443);

    TelemetryEvent process = c.events.get(2);
    assertThat(process.field("Hashes.SHA256")).isEqualTo("59E1EDF4D82FAE4978E97512B0331B7EB21DD4B838B850BA46794D9C7A2C0983");
    // a value with ": " in it keeps all of it
    assertThat(process.field("CommandLine")).isEqualTo("update.exe --update: https://download.3cx.com/x");
  }

  @Test
  void anotherChannelsEvent_isNoSysmonEvent_andItsMessageIsNotReadAsSysmonData() throws IOException {
    TelemetryEvent security = read(Files.readAllBytes(SAMPLE)).events.get(3);

    assertThat(security.kind()).isEqualTo("windows.4688");
    assertThat(security.time()).isEqualTo(Instant.parse("2023-03-22T10:01:05Z")); // from TimeCreated's /Date(ms)/
    assertThat(security.fields()).doesNotContainKeys("Image", "CommandLine", "Process Command Line");
  }

  @Test
  void powerShell7sExport_isoTimesWithAnOffset_isReadAlike() throws IOException {
    String json = """
        {"Message":"Dns query:\\nRuleName: -\\nProcessId: 7\\nQueryName: update.voxline.io\\nImage: C:\\\\x.exe",
         "Id":22,"ProviderName":"Microsoft-Windows-Sysmon","LogName":"Microsoft-Windows-Sysmon/Operational",
         "ProcessId":3112,"MachineName":"ws-9","TimeCreated":"2023-03-22T11:01:02.1234567+01:00"}
        """;
    CollectedTelemetry c = read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(c.events).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("sysmon.22");
      assertThat(e.field("QueryName")).isEqualTo("update.voxline.io");
      assertThat(e.field("ProcessId")).isEqualTo("7");
      // no UtcTime in this message: the record's time, normalised to UTC
      assertThat(e.time()).isEqualTo(Instant.parse("2023-03-22T10:01:02.1234567Z"));
    });
  }
}
