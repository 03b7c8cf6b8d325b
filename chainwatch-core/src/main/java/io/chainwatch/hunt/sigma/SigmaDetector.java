package io.chainwatch.hunt.sigma;

import io.chainwatch.hunt.Detector;
import io.chainwatch.hunt.Hit;
import io.chainwatch.hunt.TelemetryEvent;
import java.util.List;
import java.util.function.Consumer;

/** Runs one Sigma rule over events; a hit's detector is {@code sigma:<rule id>}, its indicator the rule's title. */
public final class SigmaDetector implements Detector {
  private final SigmaRule rule;
  private final String detector;

  public SigmaDetector(SigmaRule rule) {
    this.rule = rule;
    this.detector = "sigma:" + rule.id();
  }

  public static List<Detector> of(List<SigmaRule> rules) {
    return rules.stream().<Detector>map(SigmaDetector::new).toList();
  }

  @Override
  public void inspect(TelemetryEvent event, Consumer<Hit> hits) {
    SigmaRule.Match m = new SigmaRule.Match();
    if (rule.matches(event, m)) {
      String field = m.field == null ? "event" : m.field;
      String value = m.value == null ? "" : m.value;
      hits.accept(new Hit(detector, "sigma", rule.title(), field, value, rule.level()));
    }
  }
}
