-- The trust graph (issue 3): one row per dependency, "from depends on to". Nodes are not rows: an edge names them by
-- text and by normalised key, so an edge to a vendor or release nothing else knows yet is kept and matched when asked
-- about. The *_word and *_product columns are the lookup keys both ways: the first word of the vendor key (vendor names
-- that match by legal-name suffix share it) and the product key ('' for a vendor node).

CREATE TABLE trust_edge (
  id           INTEGER PRIMARY KEY,
  from_node    TEXT NOT NULL,
  relation     TEXT NOT NULL,
  to_node      TEXT NOT NULL,
  confidence   INTEGER NOT NULL CHECK (confidence BETWEEN 0 AND 100),
  valid_from   TEXT,
  valid_to     TEXT,
  source       TEXT,
  from_key     TEXT NOT NULL,
  to_key       TEXT NOT NULL,
  from_word    TEXT NOT NULL,
  from_product TEXT NOT NULL,
  to_word      TEXT NOT NULL,
  to_product   TEXT NOT NULL,
  import_id    INTEGER NOT NULL REFERENCES import_file (id),
  UNIQUE (from_key, relation, to_key)
);
CREATE INDEX trust_edge_by_to ON trust_edge (to_word, to_product);
CREATE INDEX trust_edge_by_from ON trust_edge (from_word, from_product);
