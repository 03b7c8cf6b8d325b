-- The trust graph by integer ids (issue 3 speed): a node is stored once in trust_node, and an edge is a pair of node ids,
-- so that one level of a breadth-first search is an index range read of integers and node texts are read only for the
-- nodes an answer names. Nodes stay keys rather than known entities: an edge to a vendor nothing else knows is kept.
-- node_key is the whole folded key (kind, vendor, product, version, platform); word and product are the lookup keys of
-- the hierarchy (the first word of the vendor key, the product key, '' for a vendor node). Ids are assigned by the
-- importer in batches (it reads the node table once), hence no identity column.
-- trust_graph_version is bumped by every import that writes edges: readers cache the graph per process under it.

CREATE TABLE trust_node (
  id       INTEGER PRIMARY KEY,
  node_key TEXT NOT NULL UNIQUE,
  text     TEXT NOT NULL,
  word     TEXT NOT NULL,
  product  TEXT NOT NULL
);

INSERT INTO trust_node (id, node_key, text, word, product)
SELECT row_number() OVER (ORDER BY k), k, t, w, p FROM (
  SELECT k, max(t) AS t, max(w) AS w, max(p) AS p FROM (
    SELECT from_key AS k, from_node AS t, from_word AS w, from_product AS p FROM trust_edge
    UNION ALL
    SELECT to_key, to_node, to_word, to_product FROM trust_edge) ends
  GROUP BY k) nodes;

CREATE TABLE trust_edge_by_id (
  id         INTEGER PRIMARY KEY,
  from_id    INTEGER NOT NULL REFERENCES trust_node (id),
  relation   TEXT NOT NULL,
  to_id      INTEGER NOT NULL REFERENCES trust_node (id),
  confidence INTEGER NOT NULL CHECK (confidence BETWEEN 0 AND 100),
  valid_from TEXT,
  valid_to   TEXT,
  source     TEXT,
  import_id  INTEGER NOT NULL REFERENCES import_file (id),
  UNIQUE (from_id, relation, to_id)
);

INSERT INTO trust_edge_by_id (id, from_id, relation, to_id, confidence, valid_from, valid_to, source, import_id)
SELECT e.id, f.id, e.relation, t.id, e.confidence, e.valid_from, e.valid_to, e.source, e.import_id
FROM trust_edge e JOIN trust_node f ON f.node_key = e.from_key JOIN trust_node t ON t.node_key = e.to_key;

DROP TABLE trust_edge;
ALTER TABLE trust_edge_by_id RENAME TO trust_edge;

-- Covering both ways: a search level reads only the index.
CREATE INDEX trust_edge_into ON trust_edge (to_id, from_id, relation, confidence, valid_from, valid_to, source, id);
CREATE INDEX trust_edge_out_of ON trust_edge (from_id, to_id, relation, confidence, valid_from, valid_to, source, id);

CREATE TABLE trust_graph_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO trust_graph_version (id, version) VALUES (1, 1);
