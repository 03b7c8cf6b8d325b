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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trust graph as stored in {@code trust_edge}. A question about a node reads, on one index, the edges whose node
 * has the same first vendor word and either no product or the same product; {@link NodeRef#overlap} then keeps those
 * that really match (the index narrows, the core's rule decides). Edges come back in the order they were stored.
 */
public final class SqlTrustGraphRepository implements TrustGraphRepository {
  private static final String COLUMNS = "id, from_node, relation, to_node, confidence, valid_from, valid_to, source FROM trust_edge";

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
    Map<Long, TrustEdge> found = new TreeMap<>();
    try (PreparedStatement byVendor = db.connection().prepareStatement("SELECT " + COLUMNS + " WHERE " + side + "_word = ?");
        PreparedStatement byProduct = db.connection().prepareStatement(
            "SELECT " + COLUMNS + " WHERE " + side + "_word = ? AND " + side + "_product IN ('', ?)")) {
      for (NodeRef n : nodes) {
        NodeKey key = n.key();
        if (key.kind() == NodeKind.INCIDENT) continue;
        PreparedStatement s;
        if (key.product().isEmpty()) {
          s = byVendor;
          s.setString(1, word(key));
        } else {
          s = byProduct;
          s.setString(1, word(key));
          s.setString(2, key.product());
        }
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            long id = r.getLong(1);
            if (found.containsKey(id)) continue;
            TrustEdge e = edge(r);
            if (NodeRef.overlap(key, (into ? e.to() : e.from()).key()) > 0) found.put(id, e);
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading the trust graph failed", e);
    }
    return new ArrayList<>(found.values());
  }

  private static TrustEdge edge(ResultSet r) throws SQLException {
    Relation relation = Relation.parse(r.getString(3)).orElseThrow(() -> new StoreException("unknown relation in the database"));
    return new TrustEdge(NodeRef.parse(r.getString(2)), relation, NodeRef.parse(r.getString(4)), r.getInt(5),
        Sql.date(r, "valid_from"), Sql.date(r, "valid_to"), r.getString(8));
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
