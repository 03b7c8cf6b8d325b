package io.chainwatch.hunt.sigma;

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
    if ("windows".equals(p) && "sysmon".equals(lower(service))) return kind.startsWith("sysmon.");
    return false;
  }

  private static @Nullable String lower(@Nullable String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
