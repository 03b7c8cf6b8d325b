package io.chainwatch.store;

import io.chainwatch.graph.NodeKey;
import io.chainwatch.graph.NodeRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Node ids for one import transaction. The node table is read once, at the first edge, and new nodes get the next ids
 * in Java and are inserted in batches: looking each edge's two nodes up in the database (or inserting with RETURNING)
 * would double the time of a million-edge import. A node already stored takes the spelling this file gives it, as its
 * edges do.
 *
 * <p>PostgreSQL: two concurrent imports would hand out the same ids, so the node table is locked against other writers
 * (readers are not blocked) until the transaction ends. SQLite has one writer at a time anyway.
 */
final class SqlTrustNodes implements AutoCloseable {
  private static final int BATCH = 1000;

  /** A stored node: its id and the text it is shown with. */
  private static final class Node {
    final int id;
    String text;

    Node(int id, String text) {
      this.id = id;
      this.text = text;
    }
  }

  private final Connection c;
  private final boolean postgres;
  private Map<String, Node> byKey;
  private int maxId;
  private PreparedStatement insert;
  private PreparedStatement rename;
  private int pendingInserts;
  private int pendingRenames;

  SqlTrustNodes(Connection c, Database.Dialect dialect) {
    this.c = c;
    this.postgres = dialect == Database.Dialect.POSTGRESQL;
  }

  /** The id of the node, assigning one (pending in the batch) when it is new. */
  int id(NodeRef node) throws SQLException {
    if (byKey == null) load();
    NodeKey key = node.key();
    String keyText = keyText(key);
    String text = node.toString();
    Node known = byKey.get(keyText);
    if (known != null) {
      if (!known.text.equals(text)) {
        known.text = text;
        rename.setString(1, text);
        rename.setInt(2, known.id);
        rename.addBatch();
        if (++pendingRenames >= BATCH) flush();
      }
      return known.id;
    }
    Node added = new Node(++maxId, text);
    byKey.put(keyText, added);
    insert.setInt(1, added.id);
    insert.setString(2, keyText);
    insert.setString(3, text);
    insert.setString(4, SqlTrustGraphRepository.word(key));
    insert.setString(5, key.product());
    insert.addBatch();
    if (++pendingInserts >= BATCH) flush();
    return added.id;
  }

  /** Sends the pending nodes: before the edges that refer to them. */
  void flush() throws SQLException {
    if (pendingInserts > 0) insert.executeBatch();
    if (pendingRenames > 0) rename.executeBatch();
    pendingInserts = 0;
    pendingRenames = 0;
  }

  private void load() throws SQLException {
    if (postgres) {
      try (Statement s = c.createStatement()) {
        s.execute("LOCK TABLE trust_node IN SHARE ROW EXCLUSIVE MODE");
      }
    }
    byKey = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, node_key, text FROM trust_node")) {
      while (r.next()) {
        int id = r.getInt(1);
        byKey.put(r.getString(2), new Node(id, r.getString(3)));
        maxId = Math.max(maxId, id);
      }
    }
    insert = c.prepareStatement("INSERT INTO trust_node (id, node_key, text, word, product) VALUES (?, ?, ?, ?, ?)");
    rename = c.prepareStatement("UPDATE trust_node SET text = ? WHERE id = ?");
  }

  /** The whole normalised key as text, unique per node. */
  static String keyText(NodeKey key) {
    return key.kind().wireName() + '\u001f' + key.vendor() + '\u001f' + key.product() + '\u001f' + key.version() + '\u001f'
        + (key.platform() == null ? "" : key.platform().wireName());
  }

  @Override
  public void close() throws SQLException {
    if (insert != null) insert.close();
    if (rename != null) rename.close();
  }
}
