package io.chainwatch.formats.sbom;

import io.chainwatch.graph.NodeKey;
import io.chainwatch.graph.NodeRef;
import io.chainwatch.graph.Relation;
import io.chainwatch.graph.TrustEdge;
import io.chainwatch.ingest.ImportSink;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A vendor's SBOM of its own product (imported without {@code --customer} and {@code --asset}): the product release
 * bundles every component it needs, directly or through other components, so each becomes one {@code bundles} edge
 * from the release, confidence 100, with the file as source.
 *
 * <p>The edges go from the release to every component of the closure, not from component to component: that a
 * library needs another is a fact of this product's dependency resolution (another product may resolve the same
 * library to another version), so a component-to-component edge would make other products reach versions they do not
 * ship.
 */
public final class ProductBundles {
  private ProductBundles() {}

  /** A release node when the version is known, else the product. */
  public static NodeRef node(String vendor, String name, String version) {
    return version.isBlank() ? NodeRef.product(vendor, name.strip()) : NodeRef.release(vendor, name.strip(), version.strip(), null);
  }

  /**
   * The ids reachable from {@code roots} through {@code needs} ("X needs Y"), roots excluded unless a cycle returns to
   * them, in breadth-first order; cycles end.
   */
  public static Set<String> closure(Collection<String> roots, Map<String, List<String>> needs) {
    Set<String> reached = new LinkedHashSet<>();
    Deque<String> queue = new ArrayDeque<>(roots);
    while (!queue.isEmpty()) {
      for (String next : needs.getOrDefault(queue.poll(), List.of())) {
        if (reached.add(next)) queue.add(next);
      }
    }
    return reached;
  }

  /**
   * Sends one edge from {@code product} to each component, once per component key, skipping a component that is the
   * product itself (an SBOM may list its subject among its components).
   *
   * @param sourceName the file, as the import names it; the edge's source is its file name
   * @return the number of edges sent
   */
  public static int emit(NodeRef product, Collection<NodeRef> components, String sourceName, ImportSink sink) {
    String source = fileName(sourceName);
    Set<NodeKey> sent = new HashSet<>();
    NodeKey self = product.key();
    int n = 0;
    for (NodeRef c : components) {
      NodeKey key = c.key();
      if (key.equals(self) || !sent.add(key)) continue;
      sink.trustEdge(new TrustEdge(product, Relation.BUNDLES, c, 100, null, null, source));
      n++;
    }
    return n;
  }

  /** The last segment of a path, so that the source does not depend on where the file was imported from. */
  static String fileName(String name) {
    int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return name.substring(cut + 1);
  }
}
