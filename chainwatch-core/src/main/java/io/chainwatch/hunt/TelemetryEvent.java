package io.chainwatch.hunt;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One event from a log: a DNS lookup, an HTTP request, a process start.
 *
 * @param kind what the event is, as {@code source.type}: {@code zeek.dns}, {@code zeek.http}, {@code zeek.conn},
 *     {@code zeek.ssl}, {@code zeek.files}, {@code zeek.x509}, {@code sysmon.1} (the Sysmon event id),
 *     {@code windows.<eid>} (another Windows channel), {@code proxy.squid}, {@code dns.bind}
 * @param time when it happened, UTC; null when the log line carries no time
 * @param sourceAddress the originator's address (canonical text), or null
 * @param sourcePort the originator's port, or -1
 * @param destinationAddress the responder's address, or null
 * @param destinationPort the responder's port, or -1
 * @param host the name of the machine that logged or made the event (Sysmon's {@code Computer}), or null
 * @param fields every field under the log's own name; sets and vectors are joined with {@code ,}; unset fields are
 *     absent, empty ones are empty strings
 * @param file the file it was read from, for evidence
 * @param line the line in that file (the first line of a multi-line record)
 */
public record TelemetryEvent(
    String kind,
    @Nullable Instant time,
    @Nullable String sourceAddress,
    int sourcePort,
    @Nullable String destinationAddress,
    int destinationPort,
    @Nullable String host,
    Map<String, String> fields,
    String file,
    long line) {

  public @Nullable String field(String name) {
    return fields.get(name);
  }
}
