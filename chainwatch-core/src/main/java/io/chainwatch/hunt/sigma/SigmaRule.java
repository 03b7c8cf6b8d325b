package io.chainwatch.hunt.sigma;

import io.chainwatch.hunt.TelemetryEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One compiled Sigma rule.
 *
 * <p>Implementation notes. A selection that is a map ANDs its fields; a list of maps ORs the maps; a list of plain
 * values is a keyword search (any field of the event contains one of them). A field whose value is a list ORs the
 * values, or ANDs them with {@code |all}. Field names are the log's own; for Zeek http events read as
 * {@code category: proxy}, the proxy names ({@code cs-host}, {@code c-uri}, ...) are mapped to Zeek's, and
 * {@code c-uri-extension} / {@code c-uri-query} are derived from the URL. Rule authors and ids are kept for the
 * attribution the Detection Rule License asks for.
 */
public final class SigmaRule {
  /** A field, its values and whether all must match. */
  private record FieldTest(String field, List<ValueTest> values, boolean all) {}

  /**
   * A selection: OR of AND-groups of field tests, or keywords searched in every field (any of them, or with
   * {@code allKeywords} every one, each in some field).
   */
  private record Selection(List<List<FieldTest>> groups, List<ValueTest> keywords, boolean allKeywords) {
    Selection(List<List<FieldTest>> groups, List<ValueTest> keywords) {
      this(groups, keywords, false);
    }
  }

  private static final Map<String, String> ZEEK_HTTP_AS_PROXY = Map.of(
      "cs-host", "host", "c-uri", "url", "c-useragent", "user_agent", "cs-method", "method", "sc-status", "status_code",
      "cs-referrer", "referrer", "cs-uri", "uri");

  private final String id;
  private final String title;
  private final @Nullable String level;
  private final @Nullable String author;
  private final Logsource logsource;
  private final Map<String, Selection> selections;
  private final Condition condition;

  private SigmaRule(String id, String title, @Nullable String level, @Nullable String author, Logsource logsource,
      Map<String, Selection> selections, Condition condition) {
    this.id = id;
    this.title = title;
    this.level = level;
    this.author = author;
    this.logsource = logsource;
    this.selections = selections;
    this.condition = condition;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public @Nullable String level() {
    return level;
  }

  public @Nullable String author() {
    return author;
  }

  public Logsource logsource() {
    return logsource;
  }

  /**
   * Compiles a rule from its YAML document as plain Java values (maps, lists, strings, numbers, booleans, null).
   *
   * @throws SigmaRuleException when the rule is not a detection rule this engine can run
   */
  public static SigmaRule compile(Map<?, ?> doc) {
    String id = text(doc.get("id"));
    String title = text(doc.get("title"));
    if (id == null) throw new SigmaRuleException("has no id");
    if (title == null) title = id;
    Object ls = doc.get("logsource");
    if (!(ls instanceof Map)) throw new SigmaRuleException("has no logsource");
    Map<?, ?> l = (Map<?, ?>) ls;
    Logsource logsource = new Logsource(text(l.get("product")), text(l.get("category")), text(l.get("service")));
    Object det = doc.get("detection");
    if (!(det instanceof Map)) throw new SigmaRuleException("has no detection (a correlation rule?)");
    Map<String, Selection> selections = new LinkedHashMap<>();
    Object conditionValue = null;
    for (Map.Entry<?, ?> e : ((Map<?, ?>) det).entrySet()) {
      String name = String.valueOf(e.getKey());
      if (name.equals("condition")) conditionValue = e.getValue();
      else if (!name.equals("timeframe")) selections.put(name, selection(name, e.getValue()));
    }
    if (conditionValue == null) throw new SigmaRuleException("has no condition");
    Condition condition;
    if (conditionValue instanceof List) {
      List<Condition> any = new ArrayList<>();
      for (Object c : (List<?>) conditionValue) any.add(Condition.parse(String.valueOf(c), selections));
      condition = s -> any.stream().anyMatch(c -> c.eval(s));
    } else {
      String c = String.valueOf(conditionValue);
      if (c.contains("|")) throw new SigmaRuleException("uses an aggregation in its condition, which is deprecated and not supported");
      condition = Condition.parse(c, selections);
    }
    Object author = doc.get("author");
    return new SigmaRule(id, title, text(doc.get("level")), author == null ? null : String.valueOf(author), logsource,
        selections, condition);
  }

  private static @Nullable String text(@Nullable Object o) {
    return o == null ? null : String.valueOf(o);
  }

  private static Selection selection(String name, @Nullable Object value) {
    if (value instanceof Map && isKeywordMap((Map<?, ?>) value)) return keywords((Map<?, ?>) value);
    if (value instanceof Map) return new Selection(List.of(group((Map<?, ?>) value)), List.of());
    if (value instanceof List) {
      List<?> items = (List<?>) value;
      if (!items.isEmpty() && items.stream().allMatch(i -> i instanceof Map)) {
        List<List<FieldTest>> groups = new ArrayList<>();
        for (Object i : items) groups.add(group((Map<?, ?>) i));
        return new Selection(groups, List.of());
      }
      if (items.stream().noneMatch(i -> i instanceof Map || i instanceof List)) {
        List<ValueTest> keywords = new ArrayList<>();
        for (Object i : items) keywords.add(Values.compile(i, List.of("contains")));
        return new Selection(List.of(), keywords);
      }
    }
    if (value instanceof String) return new Selection(List.of(), List.of(Values.compile(value, List.of("contains"))));
    throw new SigmaRuleException("has the selection '" + name + "' in a shape Sigma does not define");
  }

  /** Keywords with modifiers: one key of modifiers alone, {@code '|all': [...]} (the specification's keyword search). */
  private static boolean isKeywordMap(Map<?, ?> map) {
    return map.size() == 1 && String.valueOf(map.keySet().iterator().next()).startsWith("|");
  }

  private static Selection keywords(Map<?, ?> map) {
    Map.Entry<?, ?> e = map.entrySet().iterator().next();
    List<String> modifiers = new ArrayList<>();
    for (String p : String.valueOf(e.getKey()).substring(1).split("\\|", -1)) modifiers.add(p.toLowerCase(Locale.ROOT));
    boolean all = modifiers.remove("all");
    // a keyword is found anywhere in a field's value unless a modifier says how to compare
    if (modifiers.stream().noneMatch(Values::isComparison)) modifiers.add("contains");
    List<ValueTest> keywords = new ArrayList<>();
    if (e.getValue() instanceof List) {
      for (Object v : (List<?>) e.getValue()) keywords.add(Values.compile(v, modifiers));
    } else if (e.getValue() instanceof Map) {
      throw new SigmaRuleException("has a map as the value of '" + e.getKey() + "'");
    } else {
      keywords.add(Values.compile(e.getValue(), modifiers));
    }
    return new Selection(List.of(), keywords, all);
  }

  private static List<FieldTest> group(Map<?, ?> map) {
    List<FieldTest> tests = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      List<String> parts = new ArrayList<>(Arrays.asList(key.split("\\|", -1)));
      String field = parts.remove(0);
      List<String> modifiers = new ArrayList<>();
      for (String p : parts) modifiers.add(p.toLowerCase(Locale.ROOT));
      boolean all = modifiers.remove("all");
      List<ValueTest> values = new ArrayList<>();
      if (e.getValue() instanceof List) {
        for (Object v : (List<?>) e.getValue()) values.add(Values.compile(v, modifiers));
      } else if (e.getValue() instanceof Map) {
        throw new SigmaRuleException("has a map as the value of '" + key + "'");
      } else {
        values.add(Values.compile(e.getValue(), modifiers));
      }
      if (field.isEmpty()) throw new SigmaRuleException("has a field name missing in '" + key + "'");
      tests.add(new FieldTest(field, values, all));
    }
    return tests;
  }

  /** Where a rule matched, for evidence: the first field test that held. */
  public static final class Match {
    public @Nullable String field;
    public @Nullable String value;
  }

  /** Whether the rule fires on the event; fills {@code match} with the first field that held. */
  public boolean matches(TelemetryEvent event, Match match) {
    if (!logsource.covers(event.kind())) return false;
    Map<String, Boolean> cache = new HashMap<>(4);
    return condition.eval(name -> cache.computeIfAbsent(name, n -> eval(selections.get(n), event, match)));
  }

  private boolean eval(Selection s, TelemetryEvent e, Match match) {
    if (!s.keywords().isEmpty()) {
      Map.Entry<String, String> first = null;
      for (ValueTest k : s.keywords()) {
        Map.Entry<String, String> found = null;
        for (Map.Entry<String, String> f : e.fields().entrySet()) {
          if (k.test(f.getValue())) {
            found = f;
            break;
          }
        }
        if (found != null && first == null) first = found;
        if (found != null && !s.allKeywords()) break;
        if (found == null && s.allKeywords()) return false;
      }
      if (first == null) return false;
      note(match, first.getKey(), first.getValue());
      return true;
    }
    for (List<FieldTest> group : s.groups()) {
      String firstField = null;
      String firstValue = null;
      boolean all = true;
      for (FieldTest t : group) {
        String v = value(e, t.field());
        boolean ok;
        if (t.all()) {
          ok = true;
          for (ValueTest vt : t.values()) if (!vt.test(v)) { ok = false; break; }
        } else {
          ok = false;
          for (ValueTest vt : t.values()) if (vt.test(v)) { ok = true; break; }
        }
        if (!ok) {
          all = false;
          break;
        }
        if (firstField == null && v != null) {
          firstField = t.field();
          firstValue = v;
        }
      }
      if (all) {
        if (firstField != null) note(match, firstField, firstValue);
        return true;
      }
    }
    return false;
  }

  private static void note(Match m, String field, @Nullable String value) {
    if (m.field == null) {
      m.field = field;
      m.value = value;
    }
  }

  /** The event's value of a rule's field, with the proxy names mapped onto Zeek http. */
  static @Nullable String value(TelemetryEvent e, String field) {
    String v = e.fields().get(field);
    if (v != null) return v;
    if (e.kind().equals("zeek.http")) {
      String mapped = ZEEK_HTTP_AS_PROXY.get(field);
      if (mapped != null) return e.fields().get(mapped);
    }
    if (field.equals("c-uri-extension") || field.equals("c-uri-query")) {
      String url = e.fields().get("url");
      if (url == null) url = e.fields().get("c-uri");
      if (url == null) return null;
      int q = url.indexOf('?');
      if (field.equals("c-uri-query")) return q < 0 ? null : url.substring(q + 1);
      String path = q < 0 ? url : url.substring(0, q);
      int slash = path.lastIndexOf('/');
      int dot = path.lastIndexOf('.');
      return dot > slash ? path.substring(dot + 1) : null;
    }
    return null;
  }
}
