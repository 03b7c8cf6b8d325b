package io.chainwatch.hunt.sigma;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A rule's {@code logsource}, and which of the readers' event kinds it covers (the Sigma taxonomy: Windows
 * categories are Sysmon event ids; {@code proxy} is Squid and Zeek http; {@code dns} is Zeek dns and BIND;
 * {@code product: zeek} rules go by {@code service}).
 */
public record Logsource(@Nullable String product, @Nullable String category, @Nullable String service) {
  private static final Map<String, Set<String>> CATEGORIES = Map.ofEntries(
      Map.entry("process_creation", Set.of("sysmon.1")),
      Map.entry("file_change", Set.of("sysmon.2")),
      Map.entry("sysmon_status", Set.of("sysmon.4", "sysmon.16")),
      Map.entry("raw_access_thread", Set.of("sysmon.9")),
      Map.entry("create_stream_hash", Set.of("sysmon.15")),
      Map.entry("wmi_event", Set.of("sysmon.19", "sysmon.20", "sysmon.21")),
      Map.entry("clipboard_capture", Set.of("sysmon.24")),
      Map.entry("process_tampering", Set.of("sysmon.25")),
      Map.entry("file_delete_detected", Set.of("sysmon.26")),
      Map.entry("file_block_executable", Set.of("sysmon.27")),
      Map.entry("file_block_shredding", Set.of("sysmon.28")),
      Map.entry("file_executable_detected", Set.of("sysmon.29")),
      Map.entry("sysmon_error", Set.of("sysmon.255")),
      Map.entry("process_termination", Set.of("sysmon.5")),
      Map.entry("driver_load", Set.of("sysmon.6")),
      Map.entry("network_connection", Set.of("sysmon.3")),
      Map.entry("image_load", Set.of("sysmon.7")),
      Map.entry("create_remote_thread", Set.of("sysmon.8")),
      Map.entry("process_access", Set.of("sysmon.10")),
      Map.entry("file_event", Set.of("sysmon.11")),
      Map.entry("registry_add", Set.of("sysmon.12")),
      Map.entry("registry_delete", Set.of("sysmon.12")),
      Map.entry("registry_set", Set.of("sysmon.13")),
      Map.entry("registry_rename", Set.of("sysmon.14")),
      Map.entry("registry_event", Set.of("sysmon.12", "sysmon.13", "sysmon.14")),
      Map.entry("pipe_created", Set.of("sysmon.17", "sysmon.18")),
      Map.entry("dns_query", Set.of("sysmon.22")),
      Map.entry("file_delete", Set.of("sysmon.23", "sysmon.26")),
      Map.entry("proxy", Set.of("proxy.squid", "zeek.http")),
      Map.entry("dns", Set.of("zeek.dns", "dns.bind")));

  /** Whether events of this kind are what the rule is written for. */
  public boolean covers(String kind) {
    String p = lower(product);
    if (category != null) {
      Set<String> kinds = CATEGORIES.get(lower(category));
      if (kinds == null || !kinds.contains(kind)) return false;
      // Sysmon categories are Windows; a linux/macos process_creation rule has other field names.
      return !kind.startsWith("sysmon.") || p == null || p.equals("windows");
    }
    if ("zeek".equals(p)) return service != null && kind.equals("zeek." + lower(service));
    // product windows alone (no category, no service) is every Windows log, as pySigma applies it: here Sysmon's
    if ("windows".equals(p) && (service == null || "sysmon".equals(lower(service)))) return kind.startsWith("sysmon.");
    return false;
  }

  /** The event kinds of the readers that a logsource can name (Sysmon's as {@code sysmon.N}). */
  private static final List<String> READABLE = List.of("sysmon.1", "proxy.squid", "zeek.http", "zeek.dns", "dns.bind",
      "zeek.conn", "zeek.ssl", "zeek.files", "zeek.x509");

  /**
   * Whether some event the readers give can match: false for a category this engine does not map (a web server's, a
   * firewall's) or a product it does not read (linux, aws), whose rules never fire in a hunt.
   */
  public boolean readable() {
    if (category != null) {
      Set<String> kinds = CATEGORIES.get(lower(category));
      return kinds != null && kinds.stream().anyMatch(this::covers);
    }
    return READABLE.stream().anyMatch(this::covers);
  }

  private static @Nullable String lower(@Nullable String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
