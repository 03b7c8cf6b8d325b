package io.chainwatch.formats.telemetry.sysmon;

import com.fasterxml.jackson.databind.JsonNode;
import io.chainwatch.formats.telemetry.JsonRecords;
import io.chainwatch.hunt.TelemetryEvent;
import io.chainwatch.hunt.TelemetryReader;
import io.chainwatch.hunt.TelemetrySink;
import io.chainwatch.ingest.Head;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Windows events as JSON, one object per event (one per line, or indented over several): the flat shape of
 * Winlogbeat/HELK/OTRF exports ({@code EventID}, {@code Hostname} or {@code Computer}, event data at the top level),
 * the evtx-dump shape ({@code Event.System}, {@code Event.EventData}, attributes under {@code #attributes}), and the
 * Elastic shape ({@code winlog.event_id}, {@code winlog.event_data}; the host from {@code winlog.computer_name}, else
 * ECS {@code host.name}), nested or flattened to dotted keys.
 *
 * <p>An event is Sysmon's when its channel or provider says so (kind {@code sysmon.<event id>}), or, naming neither,
 * when its data is Sysmon's ({@link #sysmonShaped}); other channels are kept as {@code windows.<event id>}: Security
 * 4688 and Sysmon 1 share exports, and telling them apart by id alone gives false hits (Chainsaw#122).
 * {@code UtcTime} is UTC without a zone. {@code Hashes}
 * ({@code SHA1=...,MD5=...,SHA256=...,IMPHASH=...}; {@code Hash} in event 15) is kept and also split into
 * {@code Hashes.SHA256} etc.
 */
public final class SysmonJsonReader implements TelemetryReader {
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

  @Override
  public String name() {
    return "telemetry/windows-json";
  }

  @Override
  public boolean accepts(Head head) {
    String t = head.trimmedText();
    int end = t.indexOf('\n');
    if (end > 0 && JsonRecords.recordHeader(t.substring(0, end).strip())) t = t.substring(end + 1).stripLeading();
    if (t.startsWith("[")) t = t.substring(1).stripLeading(); // one JSON array of events
    return t.startsWith("{") && (t.contains("\"EventID\"") || t.contains("\"EventCode\"") || t.contains("\"winlog\"")
        || t.contains("\"winlog.event_id\"") || (t.contains("\"_raw\"") && t.contains("<EventID"))
        || (t.contains("\"Id\"") && t.contains("\"ProviderName\"") && t.contains("\"TimeCreated\"")));
  }

  @Override
  public void read(String file, InputStream in, TelemetrySink sink) throws IOException {
    JsonRecords records = new JsonRecords(file, in, sink);
    JsonNode node;
    while ((node = records.next()) != null) {
      // Splunk's JSON export of search results: {"preview": false, "offset": 0, "result": {...the event's fields}}
      JsonNode result = node.get("result");
      if (result != null && result.isObject() && (node.has("preview") || node.has("offset") || node.has("lastrow"))) {
        node = result;
      }
      Map<String, String> fields = new HashMap<>();
      String host;
      String channel;
      String provider;
      String eventId;
      String systemTime = null;
      JsonNode event = node.get("Event");
      JsonNode winlog = node.get("winlog");
      if (event != null && event.isObject() && event.has("System")) {
        JsonNode system = event.get("System");
        eventId = scalar(system.get("EventID"));
        host = JsonRecords.text(system.get("Computer"));
        channel = JsonRecords.text(system.get("Channel"));
        provider = attribute(system.get("Provider"), "Name");
        systemTime = attribute(system.get("TimeCreated"), "SystemTime");
        eventData(event.get("EventData"), fields);
      } else if (winlog != null && winlog.isObject()) {
        eventId = JsonRecords.text(winlog.get("event_id"));
        host = JsonRecords.text(winlog.get("computer_name"));
        if (host == null) host = ecsHost(node.get("host"));
        channel = JsonRecords.text(winlog.get("channel"));
        provider = JsonRecords.text(winlog.get("provider_name"));
        systemTime = JsonRecords.text(node.get("@timestamp"));
        eventData(winlog.get("event_data"), fields);
        if (eventId == null) eventId = ecs(node, "event.code");
        ecsFields(node, eventId, fields);
      } else if (node.has("winlog.event_id") || node.has("winlog.channel")) {
        // the Elastic shape flattened to dotted keys, as SIEM and Kibana exports write it
        eventData(node, fields);
        for (String key : List.copyOf(fields.keySet())) {
          if (key.startsWith(EVENT_DATA)) fields.putIfAbsent(key.substring(EVENT_DATA.length()), fields.get(key));
        }
        eventId = fields.containsKey("winlog.event_id") ? fields.get("winlog.event_id") : fields.get("event.code");
        ecsFields(node, eventId, fields);
        host = fields.containsKey("winlog.computer_name") ? fields.get("winlog.computer_name") : fields.get("host.name");
        channel = fields.get("winlog.channel");
        provider = fields.get("winlog.provider_name");
        systemTime = fields.get("@timestamp");
      } else {
        eventData(node, fields);
        // the event's XML in a string: Microsoft Sentinel's Event table (EventData), Splunk's raw event (_raw)
        for (String xml : List.of("EventData", "_raw")) xmlFields(fields.get(xml), fields);
        // EventCode: Splunk's Windows add-on
        eventId = fields.containsKey("EventID") ? fields.get("EventID") : fields.get("EventCode");
        host = fields.containsKey("Computer") ? fields.get("Computer") : fields.get("Hostname");
        // EventLog and Source: Sentinel's Event table
        channel = fields.containsKey("Channel") ? fields.get("Channel")
            : fields.containsKey("EventLog") ? fields.get("EventLog") : splunkChannel(fields.get("source"));
        provider = fields.containsKey("SourceName") ? fields.get("SourceName")
            : fields.containsKey("ProviderName") ? fields.get("ProviderName")
            : fields.containsKey("Provider_Name") ? fields.get("Provider_Name") : fields.get("Source");
        systemTime = fields.containsKey("TimeCreated") ? fields.get("TimeCreated")
            : fields.containsKey("@timestamp") ? fields.get("@timestamp")
            : fields.containsKey("TimeGenerated") ? fields.get("TimeGenerated") : fields.get("_time");
        if (eventId == null && fields.containsKey("Id") && (fields.containsKey("LogName") || fields.containsKey("ProviderName"))) {
          // PowerShell's Get-WinEvent | ConvertTo-Json: the event's record as .NET has it, its data in the rendered
          // Message only (Properties are values without names)
          eventId = fields.get("Id");
          host = fields.get("MachineName");
          channel = fields.get("LogName");
          if (sysmon(channel, provider)) messageFields(fields.get("Message"), fields);
        }
      }
      if (eventId == null) {
        sink.problem(new io.chainwatch.hunt.ReadProblem(file, records.line(), io.chainwatch.hunt.ReadProblem.CORRUPT,
            "is a JSON object without an event id; skipped"));
        continue;
      }
      fields.put("EventID", eventId);
      if (host != null) fields.put("Computer", host);
      if (channel != null) fields.put("Channel", channel);
      if (provider != null) fields.put("Provider_Name", provider);
      boolean sysmon = sysmon(channel, provider) || (channel == null && provider == null && sysmonShaped(eventId, fields));
      // Hashes in events 1, 6, 7, 23, 26, 29; Hash (the same form) in event 15, FileCreateStreamHash
      String hashes = fields.containsKey("Hashes") ? fields.get("Hashes") : fields.get("Hash");
      if (hashes != null) {
        for (String part : hashes.split(",")) {
          int eq = part.indexOf('=');
          if (eq > 0) fields.put("Hashes." + part.substring(0, eq).strip().toUpperCase(java.util.Locale.ROOT), part.substring(eq + 1).strip());
        }
      }
      Instant time = utcTime(fields.get("UtcTime"));
      if (time == null) time = iso(systemTime);
      sink.event(new TelemetryEvent((sysmon ? "sysmon." : "windows.") + eventId, time, fields.get("SourceIp"),
          port(fields.get("SourcePort")), fields.get("DestinationIp"), port(fields.get("DestinationPort")), host, fields,
          file, records.line()));
    }
  }

  private static final String EVENT_DATA = "winlog.event_data.";

  /** Whether the event's channel or provider is Sysmon's. */
  private static boolean sysmon(@Nullable String channel, @Nullable String provider) {
    return (channel != null && channel.toLowerCase(java.util.Locale.ROOT).contains("sysmon"))
        || (provider != null && provider.equalsIgnoreCase("Microsoft-Windows-Sysmon"));
  }

  /** A line {@code Name: value} of a Sysmon event's rendered message. */
  private static final Pattern MESSAGE_FIELD = Pattern.compile("([A-Za-z][A-Za-z0-9]{0,63}): ?(.*)");

  /**
   * The fields of a Sysmon event's rendered message: a title line ({@code Dns query:}), then one {@code Name: value}
   * line per event data field, in Sysmon's own names. They win over the record's properties of the same name: the
   * record's {@code ProcessId} is the logging service's, the message's the process the event is about. A value with
   * line breaks (a command line can have them) keeps its first line.
   */
  private static void messageFields(@Nullable String message, Map<String, String> fields) {
    if (message == null) return;
    String[] lines = message.split("\r?\n");
    for (int i = 1; i < lines.length; i++) {
      Matcher m = MESSAGE_FIELD.matcher(lines[i]);
      if (m.matches()) fields.put(m.group(1), m.group(2).strip());
    }
  }

  /** A {@code <Data Name="...">value</Data>} element of an event's XML (single or double quotes; an empty one too). */
  private static final Pattern XML_DATA = Pattern.compile(
      "<Data Name=(?:\"([^\"<>]{1,200})\"|'([^'<>]{1,200})')\\s*(?:/>|>([^<]*)</Data>)");
  /** The System elements of an event's XML that an export may not have as fields of their own. */
  private static final Pattern XML_SYSTEM = Pattern.compile(
      "<(EventID|Computer|Channel)(?:\\s[^<>]{0,200})?>([^<]{1,500})</\\1>"
          + "|<(Provider|TimeCreated)\\s(?:[^<>]{0,300}?\\s)?(Name|SystemTime)=(?:\"([^\"<>]{1,200})\"|'([^'<>]{1,200})')");

  /**
   * The fields of an event's XML held in a string (Sentinel's {@code Event} table keeps the event data so, Splunk's
   * {@code _raw} the whole event), added where the export has no field of that name. Read with bounded patterns, not an
   * XML parser: the string is untrusted, and only these elements matter.
   */
  private static void xmlFields(@Nullable String xml, Map<String, String> fields) {
    if (xml == null || xml.indexOf('<') < 0) return;
    Matcher d = XML_DATA.matcher(xml);
    while (d.find()) {
      String name = d.group(1) != null ? d.group(1) : d.group(2);
      fields.putIfAbsent(name, d.group(3) == null ? "" : unescapeXml(d.group(3)));
    }
    Matcher m = XML_SYSTEM.matcher(xml);
    while (m.find()) {
      if (m.group(1) != null) {
        fields.putIfAbsent(m.group(1), unescapeXml(m.group(2).strip()));
      } else {
        String value = unescapeXml(m.group(5) != null ? m.group(5) : m.group(6));
        fields.putIfAbsent(m.group(3).equals("Provider") ? "ProviderName" : "TimeCreated", value);
      }
    }
  }

  /** XML's five entities and character references; anything else as it is. */
  static String unescapeXml(String s) {
    if (s.indexOf('&') < 0) return s;
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int semi = c == '&' ? s.indexOf(';', i) : -1;
      if (semi < 0 || semi - i > 10) {
        b.append(c);
        continue;
      }
      String entity = s.substring(i + 1, semi);
      String text = switch (entity) {
        case "amp" -> "&";
        case "lt" -> "<";
        case "gt" -> ">";
        case "quot" -> "\"";
        case "apos" -> "'";
        default -> reference(entity);
      };
      if (text == null) {
        b.append(c);
        continue;
      }
      b.append(text);
      i = semi;
    }
    return b.toString();
  }

  /** The character of {@code #123} or {@code #x7B}, or null. */
  private static @Nullable String reference(String entity) {
    try {
      int cp = entity.startsWith("#x") || entity.startsWith("#X") ? Integer.parseInt(entity.substring(2), 16)
          : entity.startsWith("#") ? Integer.parseInt(entity.substring(1)) : -1;
      return cp > 0 && Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The channel in a Splunk {@code source} such as {@code XmlWinEventLog:Microsoft-Windows-Sysmon/Operational}. */
  private static @Nullable String splunkChannel(@Nullable String source) {
    if (source == null) return null;
    for (String prefix : List.of("XmlWinEventLog:", "WinEventLog:")) {
      if (source.startsWith(prefix)) return source.substring(prefix.length());
    }
    return null;
  }

  /**
   * Sysmon's fields by the ECS names Winlogbeat's Sysmon module moves them to (its ingest pipeline renames
   * {@code winlog.event_data.QueryName} to {@code dns.question.name}, the hashes to {@code process.hash.*} and
   * {@code file.hash.*}, and so on): an export of such documents carries the indicators there only. Sysmon's own
   * names, where the event data still has them, win.
   */
  private static final List<List<String>> ECS = List.of(
      List.of("dns.question.name", "QueryName"), List.of("destination.domain", "DestinationHostname"),
      List.of("destination.ip", "DestinationIp"), List.of("destination.port", "DestinationPort"),
      List.of("source.ip", "SourceIp"), List.of("source.port", "SourcePort"), List.of("source.domain", "SourceHostname"),
      List.of("process.executable", "Image"), List.of("process.command_line", "CommandLine"),
      List.of("process.parent.executable", "ParentImage"), List.of("process.parent.command_line", "ParentCommandLine"),
      List.of("process.pid", "ProcessId"), List.of("user.name", "User"));

  private static void ecsFields(JsonNode node, @Nullable String eventId, Map<String, String> fields) {
    for (List<String> m : ECS) {
      if (fields.containsKey(m.get(1))) continue;
      String v = ecs(node, m.get(0));
      if (v != null) fields.put(m.get(1), v);
    }
    String id = eventId == null ? "" : eventId.strip();
    // file.path is the loaded image in event 7 (ImageLoaded), the file's name in the file events
    String path = ecs(node, "file.path");
    if (path != null) fields.putIfAbsent(id.equals("7") ? "ImageLoaded" : "TargetFilename", path);
    if (!fields.containsKey("Hashes") && !fields.containsKey("Hash")) {
      StringBuilder hashes = new StringBuilder();
      for (String owner : List.of("process", "file")) {
        for (String algorithm : List.of("sha1", "md5", "sha256", "imphash")) {
          String v = ecs(node, owner + ".hash." + algorithm);
          if (v == null) continue;
          if (hashes.length() > 0) hashes.append(',');
          hashes.append(algorithm.toUpperCase(java.util.Locale.ROOT)).append('=').append(v);
        }
        if (hashes.length() > 0) break;
      }
      if (hashes.length() > 0) fields.put("Hashes", hashes.toString());
    }
  }

  /**
   * A scalar at a dotted ECS path, nested ({@code {"dns": {"question": ...}}}) or flattened
   * ({@code "dns.question.name"}).
   */
  private static @Nullable String ecs(JsonNode node, String dotted) {
    JsonNode flat = node.get(dotted);
    if (flat != null) return flat.isContainerNode() ? null : JsonRecords.text(flat);
    JsonNode n = node;
    for (String part : dotted.split("\\.")) {
      n = n.get(part);
      if (n == null) return null;
    }
    return n.isContainerNode() ? null : JsonRecords.text(n);
  }

  /**
   * Whether an event that names neither its channel nor its provider (an export of the event data alone, as SIEM
   * queries and hand-made extracts write it) is Sysmon's by its own fields: a Sysmon event id (1 to 29, 255) and
   * {@code UtcTime}, which every Sysmon event has in its data and no other common Windows event does. An event that
   * names another channel stays that channel's (Security 4688 and Sysmon 1 share exports).
   */
  static boolean sysmonShaped(String eventId, Map<String, String> fields) {
    int id;
    try {
      id = Integer.parseInt(eventId.strip());
    } catch (NumberFormatException e) {
      return false;
    }
    return ((id >= 1 && id <= 29) || id == 255) && fields.get("UtcTime") != null && !fields.get("UtcTime").isEmpty();
  }

  /** ECS {@code host}: its name, else its hostname (Winlogbeat sends both; an event without computer_name has them). */
  private static @Nullable String ecsHost(@Nullable JsonNode host) {
    if (host == null) return null;
    if (!host.isObject()) return JsonRecords.text(host);
    String name = JsonRecords.text(host.get("name"));
    return name != null && !name.isEmpty() ? name : JsonRecords.text(host.get("hostname"));
  }

  /** Scalars of an object, or the {@code Data: [{"@Name": ..., "#text": ...}]} list some exports write. */
  private static void eventData(@Nullable JsonNode data, Map<String, String> out) {
    if (data == null || !data.isObject()) return;
    JsonNode list = data.get("Data");
    if (list != null && list.isArray()) {
      for (JsonNode d : list) {
        String name = d.hasNonNull("@Name") ? d.get("@Name").asText() : attribute(d, "Name");
        String text = JsonRecords.text(d.get("#text"));
        if (name != null) out.put(name, text == null ? "" : text);
      }
    }
    Iterator<Map.Entry<String, JsonNode>> it = data.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isContainerNode() && !e.getValue().isArray()) continue;
      String v = JsonRecords.text(e.getValue());
      if (v != null) out.put(e.getKey(), v);
    }
  }

  private static @Nullable String scalar(@Nullable JsonNode n) {
    if (n == null) return null;
    if (n.isObject()) return JsonRecords.text(n.get("#text"));
    return JsonRecords.text(n);
  }

  private static @Nullable String attribute(@Nullable JsonNode n, String name) {
    if (n == null || !n.isObject()) return null;
    JsonNode attrs = n.get("#attributes");
    if (attrs != null && attrs.has(name)) return JsonRecords.text(attrs.get(name));
    return JsonRecords.text(n.get(name));
  }

  private static @Nullable Instant utcTime(@Nullable String s) {
    if (s == null || s.isEmpty()) return null;
    try {
      return LocalDateTime.parse(s, UTC_TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static @Nullable Instant iso(@Nullable String s) {
    if (s == null || s.isEmpty()) return null;
    Matcher date = DOTNET_DATE.matcher(s);
    if (date.matches()) {
      // milliseconds since the epoch in UTC; an offset after them tells the writer's zone only
      try {
        return Instant.ofEpochMilli(Long.parseLong(date.group(1)));
      } catch (NumberFormatException | java.time.DateTimeException e) {
        return null;
      }
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return utcTime(s);
    }
  }

  /** .NET's JSON date, {@code /Date(1679479262123)/}, as Windows PowerShell 5.1's ConvertTo-Json writes times. */
  private static final Pattern DOTNET_DATE = Pattern.compile("/Date\\((-?\\d{1,15})(?:[+-]\\d{4})?\\)/");

  private static int port(@Nullable String p) {
    if (p == null) return -1;
    try {
      int n = Integer.parseInt(p.strip());
      return n >= 0 && n <= 65535 ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
