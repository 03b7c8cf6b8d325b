-- The foundation schema: imports with their provenance, the portfolio, and incidents.
-- Timestamps are ISO-8601 text in UTC, dates ISO-8601 text: the same in SQLite and PostgreSQL.

CREATE TABLE import_file (
  id             INTEGER PRIMARY KEY,
  file_name      TEXT NOT NULL,
  sha256         TEXT NOT NULL UNIQUE,
  parser         TEXT NOT NULL,
  parser_version TEXT NOT NULL,
  imported_at    TEXT NOT NULL,
  summary        TEXT
);

CREATE TABLE customer (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  sector      TEXT,
  country     TEXT,
  criticality INTEGER NOT NULL CHECK (criticality BETWEEN 1 AND 5),
  import_id   INTEGER NOT NULL REFERENCES import_file (id)
);

CREATE TABLE asset (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customer (id),
  name        TEXT NOT NULL,
  platform    TEXT NOT NULL,
  import_id   INTEGER NOT NULL REFERENCES import_file (id),
  UNIQUE (customer_id, name)
);

CREATE TABLE asset_address (
  asset_id INTEGER NOT NULL REFERENCES asset (id),
  address  TEXT NOT NULL,
  PRIMARY KEY (asset_id, address)
);
CREATE INDEX asset_address_by_address ON asset_address (address);

-- Which assets each snapshot (inventory or SBOM) described: what a newer snapshot no longer lists is removed.
CREATE TABLE asset_snapshot (
  import_id INTEGER NOT NULL REFERENCES import_file (id),
  asset_id  INTEGER NOT NULL REFERENCES asset (id),
  PRIMARY KEY (import_id, asset_id)
);

CREATE TABLE product (
  id          INTEGER PRIMARY KEY,
  vendor_key  TEXT NOT NULL,
  product_key TEXT NOT NULL,
  vendor      TEXT NOT NULL,
  name        TEXT NOT NULL,
  UNIQUE (vendor_key, product_key)
);
-- Exposure looks products up by name and compares vendors in code (a legal name may add words).
CREATE INDEX product_by_name ON product (product_key);

CREATE TABLE installation (
  id                INTEGER PRIMARY KEY,
  asset_id          INTEGER NOT NULL REFERENCES asset (id),
  product_id        INTEGER NOT NULL REFERENCES product (id),
  version           TEXT NOT NULL,
  platform          TEXT NOT NULL,
  purl              TEXT,
  cpe               TEXT,
  install_path      TEXT,
  sha256            TEXT,
  observed_at       BIGINT, -- epoch milliseconds: compact and cheap to write for millions of rows
  import_id         INTEGER NOT NULL REFERENCES import_file (id),
  seen_import_id    INTEGER NOT NULL REFERENCES import_file (id),
  removed_at        TEXT,
  removed_import_id INTEGER REFERENCES import_file (id)
);
CREATE INDEX installation_current_by_product ON installation (product_id) WHERE removed_at IS NULL;
CREATE INDEX installation_by_asset ON installation (asset_id);

-- The package identifiers that installations of a product carried, version-free (purl without version and
-- qualifiers; CPE part:vendor:product): exposure finds products by identifier here, then their installations by
-- product, so the five-million-row installation table needs no index on text.
CREATE TABLE product_identifier (
  kind       TEXT NOT NULL CHECK (kind IN ('purl', 'cpe')),
  base       TEXT NOT NULL,
  product_id INTEGER NOT NULL REFERENCES product (id),
  PRIMARY KEY (kind, base, product_id)
);

CREATE TABLE incident (
  id          TEXT PRIMARY KEY,
  title       TEXT NOT NULL,
  disclosed   TEXT,
  caused_by   TEXT,
  window_from TEXT,
  window_to   TEXT,
  import_id   INTEGER NOT NULL REFERENCES import_file (id)
);
CREATE INDEX incident_by_cause ON incident (caused_by);

-- One row per statement: kind is affected, fixed, not-affected or under-investigation.
CREATE TABLE incident_product (
  incident_id   TEXT NOT NULL REFERENCES incident (id),
  position      INTEGER NOT NULL,
  kind          TEXT NOT NULL,
  vendor        TEXT NOT NULL,
  product       TEXT NOT NULL,
  vendor_key    TEXT NOT NULL,
  product_key   TEXT NOT NULL,
  platform      TEXT NOT NULL,
  versions      TEXT,
  versions_text TEXT NOT NULL,
  purl          TEXT,
  cpe           TEXT,
  PRIMARY KEY (incident_id, position)
);
CREATE INDEX incident_product_by_key ON incident_product (vendor_key, product_key);

CREATE TABLE incident_attribution (
  incident_id TEXT NOT NULL REFERENCES incident (id),
  position    INTEGER NOT NULL,
  actor       TEXT NOT NULL,
  aliases     TEXT NOT NULL,
  confidence  INTEGER NOT NULL CHECK (confidence BETWEEN 0 AND 100),
  source      TEXT,
  stated_on   TEXT,
  PRIMARY KEY (incident_id, position)
);

CREATE TABLE incident_indicator (
  incident_id TEXT NOT NULL REFERENCES incident (id),
  position    INTEGER NOT NULL,
  type        TEXT NOT NULL,
  value       TEXT NOT NULL,
  PRIMARY KEY (incident_id, position)
);

CREATE TABLE incident_reference (
  incident_id TEXT NOT NULL REFERENCES incident (id),
  position    INTEGER NOT NULL,
  url         TEXT NOT NULL,
  PRIMARY KEY (incident_id, position)
);
