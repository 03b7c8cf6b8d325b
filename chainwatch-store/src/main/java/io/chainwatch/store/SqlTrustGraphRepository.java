package io.chainwatch.store;

import io.chainwatch.graph.NodeKey;
import io.chainwatch.graph.NodeKind;
import io.chainwatch.graph.NodeRef;
import io.chainwatch.graph.Relation;
import io.chainwatch.graph.TrustEdge;
import io.chainwatch.graph.TrustGraphRepository;
import io.chainwatch.graph.TrustPathSearch;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The trust graph as stored in {@code trust_edge}. A question about a set of nodes reads, on one index, the edges whose
 * node has the same first vendor word and either no product or the same product, in a few queries of up to
 * {@value #CHUNK} lookup keys each (a breadth-first search asks about a whole level at once); {@link NodeRef#overlap}
 * then keeps those that really match (the index narrows, the core's rule decides). Edges come back in the order they
 * were stored.
 */
public final class SqlTrustGraphRepository implements TrustGraphRepository {
  private static final String COLUMNS = "id, from_node, relation, to_node, confidence, valid_from, valid_to, source FROM trust_edge";

  /** Lookup keys per query: well under the bound-parameter limits of SQLite (32766) and PostgreSQL (65535). */
  private static final int CHUNK = 500;

  private final Database db;

  public SqlTrustGraphRepository(Database db) {
    this.db = db;
  }

  @Override
  public List<TrustEdge> edgesInto(Collection<NodeRef> nodes) {
    return edges(nodes, "to", true);
  }

  @Override
  public List<TrustEdge> edgesOutOf(Collection<NodeRef> nodes) {
    return edges(nodes, "from", false);
  }

  private List<TrustEdge> edges(Collection<NodeRef> nodes, String side, boolean into) {
    // The asked nodes by lookup word: a vendor node asks for every edge of its word, a product or release node for the
    // edges of its (word, product) and of its vendor (word, '').
    Map<String, List<NodeKey>> asked = new HashMap<>();
    Set<String> wholeWords = new LinkedHashSet<>();
    Set<List<String>> pairs = new LinkedHashSet<>();
    for (NodeRef n : nodes) {
      NodeKey key = n.key();
      if (key.kind() == NodeKind.INCIDENT) continue;
      String word = word(key);
      asked.computeIfAbsent(word, w -> new ArrayList<>()).add(key);
      if (key.product().isEmpty()) wholeWords.add(word);
    }
    for (NodeRef n : nodes) {
      NodeKey key = n.key();
      if (key.kind() == NodeKind.INCIDENT || key.product().isEmpty() || wholeWords.contains(word(key))) continue;
      pairs.add(List.of(word(key), key.product()));
      pairs.add(List.of(word(key), ""));
    }
    Map<Long, TrustEdge> found = new TreeMap<>();
    Map<String, NodeRef> parsed = new HashMap<>();
    try {
      List<String> words = new ArrayList<>(wholeWords);
      for (int i = 0; i < words.size(); i += CHUNK) {
        List<String> chunk = words.subList(i, Math.min(words.size(), i + CHUNK));
        String sql = "SELECT " + COLUMNS + " WHERE " + side + "_word IN (" + marks(chunk.size(), "?") + ")";
        try (PreparedStatement s = db.connection().prepareStatement(sql)) {
          int p = 1;
          for (String w : chunk) s.setString(p++, w);
          read(s, side, into, asked, parsed, found);
        }
      }
      List<List<String>> pairList = new ArrayList<>(pairs);
      for (int i = 0; i < pairList.size(); i += CHUNK) {
        List<List<String>> chunk = pairList.subList(i, Math.min(pairList.size(), i + CHUNK));
        // A join with a VALUES list looks each pair up on the (word, product) index in both databases (SQLite scans
        // the table for a row value IN (VALUES ...)); VALUES names its columns column1, column2 in both.
        String sql = "SELECT " + COLUMNS.replace(" FROM trust_edge", "") + " FROM (VALUES " + marks(chunk.size(), "(?, ?)")
            + ") v JOIN trust_edge ON " + side + "_word = v.column1 AND " + side + "_product = v.column2";
        try (PreparedStatement s = db.connection().prepareStatement(sql)) {
          int p = 1;
          for (List<String> pair : chunk) {
            s.setString(p++, pair.get(0));
            s.setString(p++, pair.get(1));
          }
          read(s, side, into, asked, parsed, found);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading the trust graph failed", e);
    }
    return new ArrayList<>(found.values());
  }

  /** Keeps the rows whose node on {@code side} really overlaps an asked node ({@link NodeRef#overlap}). */
  private static void read(PreparedStatement s, String side, boolean into, Map<String, List<NodeKey>> asked,
      Map<String, NodeRef> parsed, Map<Long, TrustEdge> found) throws SQLException {
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        long id = r.getLong(1);
        if (found.containsKey(id)) continue;
        NodeRef from = node(parsed, r.getString(2));
        NodeRef to = node(parsed, r.getString(4));
        NodeKey end = (into ? to : from).key();
        boolean overlaps = false;
        for (NodeKey k : asked.getOrDefault(word(end), List.of())) {
          if (NodeRef.overlap(k, end) > 0) {
            overlaps = true;
            break;
          }
        }
        if (!overlaps) continue;
        Relation relation = Relation.parse(r.getString(3)).orElseThrow(() -> new StoreException("unknown relation in the database"));
        found.put(id, new TrustEdge(from, relation, to, r.getInt(5), Sql.date(r, "valid_from"), Sql.date(r, "valid_to"), r.getString(8)));
      }
    }
  }

  /** Parsed once per question: a node is the end of many edges, and its key is computed once with it. */
  private static NodeRef node(Map<String, NodeRef> parsed, String text) {
    return parsed.computeIfAbsent(text, NodeRef::parse);
  }

  private static String marks(int n, String mark) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) b.append(i == 0 ? "" : ", ").append(mark);
    return b.toString();
  }

  /** The lookup word of a node: the first word of its vendor key. */
  static String word(NodeKey key) {
    return TrustPathSearch.firstWord(key.vendor());
  }

  /** The whole normalised key as text, unique per node. */
  static String keyText(NodeKey key) {
    return key.kind().wireName() + '\u001f' + key.vendor() + '\u001f' + key.product() + '\u001f' + key.version() + '\u001f'
        + (key.platform() == null ? "" : key.platform().wireName());
  }
}
