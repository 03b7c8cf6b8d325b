package io.chainwatch.formats.cyclonedx;

import java.util.ArrayList;
import java.util.List;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;

/**
 * A component the BOM lists as part of its subject: {@code metadata.component} (the application the asset runs) and
 * every entry of the {@code components} tree, flattened in document order with nested components after their parent.
 *
 * @param pointer the JSON pointer of the component (for XML it is the pointer the same BOM would have as JSON)
 * @param inMetadata whether it is {@code metadata.component} or nested inside it
 * @param ordinal its position among the listed components of its part ({@code metadata} or {@code components})
 */
record ListedComponent(Component component, String pointer, boolean inMetadata, int ordinal) {

  static List<ListedComponent> of(Bom bom) {
    List<ListedComponent> out = new ArrayList<>();
    if (bom.getMetadata() != null && bom.getMetadata().getComponent() != null) {
      Counter metadata = new Counter();
      add(out, bom.getMetadata().getComponent(), "/metadata/component", true, metadata);
    }
    Counter components = new Counter();
    addAll(out, bom.getComponents(), "/components", false, components);
    return out;
  }

  private static void addAll(List<ListedComponent> out, List<Component> list, String pointer, boolean inMetadata, Counter counter) {
    if (list == null) return;
    for (int i = 0; i < list.size(); i++) {
      // A null entry (JSON null, an empty XML element) is a component without a name: keep it so that it is rejected
      // at its own place rather than skipped.
      Component c = list.get(i) == null ? new Component() : list.get(i);
      add(out, c, pointer + "/" + i, inMetadata, counter);
    }
  }

  private static void add(List<ListedComponent> out, Component c, String pointer, boolean inMetadata, Counter counter) {
    // Recursion depth is bounded by the nesting limits the JSON and XML scans enforce before mapping.
    out.add(new ListedComponent(c, pointer, inMetadata, counter.next++));
    addAll(out, c.getComponents(), pointer + "/components", inMetadata, counter);
  }

  private static final class Counter {
    int next;
  }
}
