package io.chainwatch.formats.telemetry;

import io.chainwatch.formats.telemetry.bind.BindLogReader;
import io.chainwatch.formats.telemetry.squid.SquidAccessLogReader;
import io.chainwatch.formats.telemetry.squid.SquidCombinedLogReader;
import io.chainwatch.formats.telemetry.sysmon.SysmonJsonReader;
import io.chainwatch.formats.telemetry.zeek.ZeekJsonReader;
import io.chainwatch.formats.telemetry.zeek.ZeekTsvReader;
import io.chainwatch.hunt.TelemetryReader;
import java.util.List;

/** The telemetry readers, in the order their sniffs are tried (each sniff is exclusive of the others). */
public final class Telemetry {
  private Telemetry() {}

  public static List<TelemetryReader> readers() {
    return List.of(new ZeekTsvReader(), new SysmonJsonReader(), new ZeekJsonReader(), new SquidAccessLogReader(),
        new SquidCombinedLogReader(), new BindLogReader());
  }
}
