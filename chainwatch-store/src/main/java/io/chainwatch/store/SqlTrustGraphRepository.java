package io.chainwatch.store;

import io.chainwatch.graph.CompactTrustGraph;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The trust graph as stored in {@code trust_node} and {@code trust_edge} (V8), cached in this object under the store's
 * {@code trust_graph_version}: the CLI opens one repository per process, and a long-running process (the API) keeps
 * its cache until an import changes the graph.
 *
 * <p>A question about a set of nodes is answered in three steps. (1) Which stored nodes overlap an asked one
 * ({@link NodeRef#overlap}): the node table (ids, texts, and the lookup keys word and product) is read once per
 * version, and the nodes of the asked node's first vendor word with its product (or with none) are the candidates the
 * core's rule decides on. (2) The edges at those nodes: read per node id from a covering index, in queries of up to
 * {@value #CHUNK} ids (a breadth-first search asks about a whole level at once), and kept, so that a node asked again
 * (its best path improved) or in a later search costs no query. (3) Edges come back in the order they were stored.
 * Node texts are parsed only for the nodes an answer touches.
 */
public final class SqlTrustGraphRepository implements TrustGraphRepository {
  /** Ids per query: well under the bound-parameter limits of SQLite (32766) and PostgreSQL (65535). */
  private static final int CHUNK = 500;
  private static final String EDGE_COLUMNS = "SELECT id, from_id, to_id, relation, confidence, valid_from, valid_to, source FROM trust_edge";

  private final Database db;
  private @Nullable Graph graph;

  public SqlTrustGraphRepository(Database db) {
    this.db = db;
  }

  @Override
  public synchronized List<TrustEdge> edgesInto(Collection<NodeRef> nodes) {
    return edges(nodes, true);
  }

  @Override
  public synchronized List<TrustEdge> edgesOutOf(Collection<NodeRef> nodes) {
    return edges(nodes, false);
  }

  /** Each node's edges apart: a node that overlaps one stored node (nearly all) gets the cached list itself. */
  @Override
  public synchronized List<List<TrustEdge>> edgesIntoEach(List<NodeRef> nodes) {
    try {
      Graph g = current();
      List<int[]> ids = new ArrayList<>(nodes.size());
      List<Integer> missing = new ArrayList<>();
      boolean[] marked = new boolean[g.text.length];
      for (NodeRef n : nodes) {
        int[] o = overlapping(g, n.key());
        ids.add(o);
        for (int id : o) {
          if (g.into[id] == null && !marked[id]) {
            marked[id] = true;
            missing.add(id);
          }
        }
      }
      read(g, missing, true);
      List<List<TrustEdge>> out = new ArrayList<>(nodes.size());
      for (int[] o : ids) {
        if (o.length == 0) {
          out.add(List.of());
        } else if (o.length == 1) {
          out.add(g.into[o[0]].edges());
        } else {
          List<Stored> found = new ArrayList<>();
          for (int id : o) found.addAll(Arrays.asList(g.into[id].stored()));
          out.add(inOrder(found));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading the trust graph failed", e);
    }
  }

  /**
   * The int-id view for {@link TrustPathSearch}: built per node on first ask from the same cache (so a warm search
   * costs no query and no key hashing per edge), under the same version check as every other answer.
   */
  @Override
  public CompactTrustGraph compact() {
    return compact;
  }

  private final CompactTrustGraph compact = new CompactTrustGraph() {
    @Override
    public int size() {
      synchronized (SqlTrustGraphRepository.this) {
        try {
          return current().text.length;
        } catch (SQLException e) {
          throw new StoreException("reading the trust graph failed", e);
        }
      }
    }

    @Override
    public int id(NodeKey key) {
      synchronized (SqlTrustGraphRepository.this) {
        try {
          return idOf(current(), key);
        } catch (SQLException e) {
          throw new StoreException("reading the trust graph failed", e);
        }
      }
    }

    @Override
    public NodeRef node(int id) {
      synchronized (SqlTrustGraphRepository.this) {
        return graph.ref(id);
      }
    }

    @Override
    public Adjacency into(NodeKey key) {
      synchronized (SqlTrustGraphRepository.this) {
        try {
          Graph g = current();
          int[] o = overlapping(g, key);
          readMissing(g, o, o.length);
          return adjacency(g, key, o);
        } catch (SQLException e) {
          throw new StoreException("reading the trust graph failed", e);
        }
      }
    }

    @Override
    public List<Adjacency> into(int[] ids, int count) {
      synchronized (SqlTrustGraphRepository.this) {
        try {
          Graph g = current();
          // One query round for every node not yet built, as edgesIntoEach does for a level.
          int[] wanted = new int[0];
          int n = 0;
          for (int i = 0; i < count; i++) {
            if (g.adjacency[ids[i]] != null) continue;
            int[] o = overlapping(g, g.ref(ids[i]).key());
            if (wanted.length < n + o.length) wanted = Arrays.copyOf(wanted, Math.max(2 * wanted.length, n + o.length));
            System.arraycopy(o, 0, wanted, n, o.length);
            n += o.length;
          }
          readMissing(g, wanted, n);
          List<Adjacency> out = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            int id = ids[i];
            Adjacency a = g.adjacency[id];
            if (a == null) {
              NodeKey key = g.ref(id).key();
              a = adjacency(g, key, overlapping(g, key));
              g.adjacency[id] = a;
            }
            out.add(a);
          }
          return out;
        } catch (SQLException e) {
          throw new StoreException("reading the trust graph failed", e);
        }
      }
    }
  };

  private void readMissing(Graph g, int[] ids, int count) throws SQLException {
    List<Integer> missing = new ArrayList<>();
    boolean[] marked = null;
    for (int i = 0; i < count; i++) {
      int id = ids[i];
      if (g.into[id] != null) continue;
      if (marked == null) marked = new boolean[g.text.length];
      if (marked[id]) continue;
      marked[id] = true;
      missing.add(id);
    }
    read(g, missing, true);
  }

  /** The edges into the stored nodes {@code o} (which overlap {@code key}), in the order stored, as int lists. */
  private static CompactTrustGraph.Adjacency adjacency(Graph g, NodeKey key, int[] o) {
    Stored[] stored;
    if (o.length == 1) {
      stored = g.into[o[0]].stored();
    } else {
      List<Stored> found = new ArrayList<>();
      for (int id : o) found.addAll(Arrays.asList(g.into[id].stored()));
      found.sort(Comparator.comparingLong(Stored::id));
      stored = found.toArray(new Stored[0]);
    }
    int n = 0;
    int[] packed = new int[2 * stored.length];
    TrustEdge[] edges = new TrustEdge[stored.length];
    for (Stored s : stored) {
      TrustEdge e = s.edge();
      if (e.confidence() == 0) continue;
      int m = NodeRef.overlap(key, e.to().key());
      if (m == 0) continue;
      packed[2 * n] = s.from();
      packed[2 * n + 1] = e.confidence() << 8 | m;
      edges[n++] = e;
    }
    if (n == 0) return CompactTrustGraph.Adjacency.EMPTY;
    return new CompactTrustGraph.Adjacency(Arrays.copyOf(packed, 2 * n), Arrays.copyOf(edges, n));
  }

  /** The stored id whose key is {@code key} (node_key is unique), or −1: that node overlaps the key, so it is a candidate. */
  private static int idOf(Graph g, NodeKey key) {
    for (int id : overlapping(g, key)) if (g.ref(id).key().equals(key)) return id;
    return -1;
  }

  /** An edge and its row id, which orders answers as stored. */
  private record Stored(long id, int from, TrustEdge edge) {}

  /** The edges at one node, in the order stored, also as the list handed out. */
  private record At(Stored[] stored, List<TrustEdge> edges) {}

  /** One version of the graph: the node table, and the edges read so far by node id. */
  private static final class Graph {
    final long version;
    final String[] text;
    final NodeRef[] refs;
    /** Node ids by first vendor word, then by product key ('' for vendor nodes). */
    final Map<String, Map<String, int[]>> byWord;
    /** The stored nodes that overlap an asked node, per asked key. */
    final Map<NodeKey, int[]> overlapping = new HashMap<>();
    final At[] into;
    final At[] outOf;
    final Map<String, LocalDate> dates = new HashMap<>();
    /** The compact search's lists, by id. */
    final CompactTrustGraph.Adjacency[] adjacency;

    Graph(long version, String[] text, Map<String, Map<String, int[]>> byWord) {
      this.version = version;
      this.text = text;
      this.refs = new NodeRef[text.length];
      this.byWord = byWord;
      this.into = new At[text.length];
      this.outOf = new At[text.length];
      this.adjacency = new CompactTrustGraph.Adjacency[text.length];
    }

    NodeRef ref(int id) {
      NodeRef r = refs[id];
      if (r == null) {
        r = NodeRef.parse(text[id]);
        refs[id] = r;
      }
      return r;
    }
  }

  private List<TrustEdge> edges(Collection<NodeRef> nodes, boolean into) {
    try {
      Graph g = current();
      At[] cache = into ? g.into : g.outOf;
      List<Integer> wanted = new ArrayList<>();
      List<Integer> missing = new ArrayList<>();
      boolean[] marked = new boolean[g.text.length];
      for (NodeRef n : nodes) {
        for (int id : overlapping(g, n.key())) {
          if (marked[id]) continue;
          marked[id] = true;
          wanted.add(id);
          if (cache[id] == null) missing.add(id);
        }
      }
      read(g, missing, into);
      List<Stored> found = new ArrayList<>();
      for (int id : wanted) found.addAll(Arrays.asList(cache[id].stored()));
      return inOrder(found);
    } catch (SQLException e) {
      throw new StoreException("reading the trust graph failed", e);
    }
  }

  private static List<TrustEdge> inOrder(List<Stored> found) {
    found.sort(Comparator.comparingLong(Stored::id));
    List<TrustEdge> out = new ArrayList<>(found.size());
    for (Stored s : found) out.add(s.edge());
    return out;
  }

  /** The stored nodes that overlap {@code key}: the candidates of its word and product, decided by the core's rule. */
  private static int[] overlapping(Graph g, NodeKey key) {
    int[] known = g.overlapping.get(key);
    if (known != null) return known;
    int[] out = new int[0];
    Map<String, int[]> word = key.kind() == NodeKind.INCIDENT ? null : g.byWord.get(word(key));
    if (word != null) {
      List<int[]> candidates = new ArrayList<>();
      if (key.product().isEmpty()) {
        candidates.addAll(word.values());
      } else {
        candidates.add(word.getOrDefault(key.product(), new int[0]));
        candidates.add(word.getOrDefault("", new int[0]));
      }
      int n = 0;
      for (int[] c : candidates) n += c.length;
      out = new int[n];
      n = 0;
      for (int[] c : candidates) {
        for (int id : c) if (NodeRef.overlap(key, g.ref(id).key()) > 0) out[n++] = id;
      }
      out = Arrays.copyOf(out, n);
    }
    g.overlapping.put(key, out);
    return out;
  }

  /** Reads the edges at the given nodes into the cache; a node with none gets an empty array. */
  private void read(Graph g, List<Integer> ids, boolean into) throws SQLException {
    if (ids.isEmpty()) return;
    At[] cache = into ? g.into : g.outOf;
    String side = into ? "to_id" : "from_id";
    Map<Integer, List<Stored>> rows = new HashMap<>();
    for (int i = 0; i < ids.size(); i += CHUNK) {
      List<Integer> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
      String sql = EDGE_COLUMNS + " WHERE " + side + " IN (" + "?,".repeat(chunk.size() - 1) + "?)";
      try (PreparedStatement s = db.connection().prepareStatement(sql)) {
        int p = 1;
        for (int id : chunk) s.setInt(p++, id);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            int from = r.getInt(2);
            int to = r.getInt(3);
            Relation relation = Relation.parse(r.getString(4)).orElseThrow(() -> new StoreException("unknown relation in the database"));
            TrustEdge edge = new TrustEdge(g.ref(from), relation, g.ref(to), r.getInt(5), date(g, r.getString(6)), date(g, r.getString(7)),
                r.getString(8));
            rows.computeIfAbsent(into ? to : from, k -> new ArrayList<>()).add(new Stored(r.getLong(1), from, edge));
          }
        }
      }
    }
    for (int id : ids) {
      Stored[] stored = rows.getOrDefault(id, List.of()).toArray(new Stored[0]);
      Arrays.sort(stored, Comparator.comparingLong(Stored::id));
      List<TrustEdge> edges = new ArrayList<>(stored.length);
      for (Stored s : stored) edges.add(s.edge());
      cache[id] = new At(stored, List.copyOf(edges));
    }
  }

  private static @Nullable LocalDate date(Graph g, @Nullable String text) {
    return text == null ? null : g.dates.computeIfAbsent(text, LocalDate::parse);
  }

  /** The cached graph, or the node table read again when an import has changed the graph since. */
  private Graph current() throws SQLException {
    long version;
    try (PreparedStatement s = db.connection().prepareStatement("SELECT version FROM trust_graph_version WHERE id = 1");
        ResultSet r = s.executeQuery()) {
      version = r.next() ? r.getLong(1) : 0;
    }
    if (graph != null && graph.version == version) return graph;
    int max = 0;
    List<Object[]> nodes = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement("SELECT id, text, word, product FROM trust_node");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        int id = r.getInt(1);
        max = Math.max(max, id);
        nodes.add(new Object[] {id, r.getString(2), r.getString(3), r.getString(4)});
      }
    }
    String[] text = new String[max + 1];
    Map<String, Map<String, List<Integer>>> lists = new HashMap<>();
    for (Object[] n : nodes) {
      int id = (Integer) n[0];
      text[id] = (String) n[1];
      lists.computeIfAbsent((String) n[2], w -> new HashMap<>()).computeIfAbsent((String) n[3], p -> new ArrayList<>()).add(id);
    }
    Map<String, Map<String, int[]>> byWord = new HashMap<>();
    lists.forEach((word, products) -> {
      Map<String, int[]> m = new HashMap<>();
      products.forEach((product, ids) -> m.put(product, ids.stream().mapToInt(Integer::intValue).toArray()));
      byWord.put(word, m);
    });
    graph = new Graph(version, text, byWord);
    return graph;
  }

  /** The lookup word of a node: the first word of its vendor key. */
  static String word(NodeKey key) {
    return TrustPathSearch.firstWord(key.vendor());
  }
}
