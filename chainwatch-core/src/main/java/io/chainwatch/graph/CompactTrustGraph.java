package io.chainwatch.graph;

import java.util.List;

/**
 * The trust graph as int ids, for a search that checks hundreds of thousands of edges: a store that can number its
 * nodes offers this view ({@link TrustGraphRepository#compact()}), and {@link TrustPathSearch} then walks int arrays
 * instead of hashing {@link NodeKey}s and matching keys per edge. Ids run from 0 to {@link #size()} − 1, one per
 * key (some ids may be unused), so that ids stand for keys as the search's map does.
 */
public interface CompactTrustGraph {
  /** One more than the highest id. */
  int size();

  /** The id of the stored node with exactly this key, or −1. */
  int id(NodeKey key);

  NodeRef node(int id);

  /** The edges into the nodes that overlap {@code key}, as {@link #into(int[], int)} gives them for an id. */
  Adjacency into(NodeKey key);

  /** For each of the first {@code count} ids, in the same order, the edges into the nodes that overlap it. */
  List<Adjacency> into(int[] ids, int count);

  /**
   * The edges a node's best path can come in by, in the order stored, those of confidence 0 left out. Packed into one
   * int array per node, two ints an edge, because the search reads every list of every node it reaches and each
   * further array would be one more cache miss per node.
   *
   * @param packed for edge j: at 2j the id of its {@code from} node; at 2j+1 its confidence × 256 + the
   *     {@link NodeRef#overlap} of the asked node and its {@code to}
   * @param edges the edges themselves, for paths and validity windows
   */
  record Adjacency(int[] packed, TrustEdge[] edges) {
    public static final Adjacency EMPTY = new Adjacency(new int[0], new TrustEdge[0]);

    public int size() {
      return edges.length;
    }
  }
}
