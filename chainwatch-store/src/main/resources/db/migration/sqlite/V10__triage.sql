-- Triage (issue 7): cases opened by hunts, false-positive suppressions, remediation tasks and the audit log.
-- Times are ISO-8601 text in UTC, as everywhere else.

-- A hunt's sightings that matched a false-positive suppression: stored, and listed as suppressed.
ALTER TABLE hunt_sighting ADD COLUMN suppressed INTEGER NOT NULL DEFAULT 0;

-- One case per (customer, incident): later hunts join it.
CREATE TABLE triage_case (
  id          INTEGER PRIMARY KEY,
  customer    TEXT NOT NULL,
  incident    TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('new', 'investigating', 'resolved')),
  disposition TEXT CHECK (disposition IN ('true-positive', 'false-positive', 'benign', 'inconclusive', 'duplicate')),
  severity    TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  assignee    TEXT,
  opened_at   TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (customer, incident)
);
CREATE INDEX triage_case_by_incident ON triage_case (incident);

-- The sightings of a case, as stored with their hunt.
CREATE TABLE case_sighting (
  case_id  BIGINT NOT NULL REFERENCES triage_case (id),
  hunt_id  BIGINT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (case_id, hunt_id, position),
  FOREIGN KEY (hunt_id, position) REFERENCES hunt_sighting (hunt_id, position)
);

CREATE TABLE case_note (
  case_id  BIGINT NOT NULL REFERENCES triage_case (id),
  position INTEGER NOT NULL,
  at       TEXT NOT NULL,
  author   TEXT NOT NULL,
  text     TEXT NOT NULL,
  PRIMARY KEY (case_id, position)
);

-- An (indicator, host) pair judged a false positive: later hunts list its sightings as suppressed.
CREATE TABLE suppression (
  indicator_type  TEXT NOT NULL,
  indicator_value TEXT NOT NULL,
  host            TEXT NOT NULL,
  case_id         BIGINT NOT NULL REFERENCES triage_case (id),
  at              TEXT NOT NULL,
  PRIMARY KEY (indicator_type, indicator_value, host)
);

-- One task per (incident, asset, product): the asset runs an affected release of the product. It is done when no
-- affected release of the product is left on the asset, regressed when one comes back after that.
CREATE TABLE remediation_task (
  id                INTEGER PRIMARY KEY,
  incident          TEXT NOT NULL,
  customer_id       BIGINT NOT NULL REFERENCES customer (id),
  asset_id          BIGINT NOT NULL REFERENCES asset (id),
  product_id        BIGINT NOT NULL REFERENCES product (id),
  action            TEXT NOT NULL CHECK (action IN ('remove', 'upgrade')),
  target            TEXT, -- the fixed releases, for an upgrade
  state             TEXT NOT NULL CHECK (state IN ('open', 'done', 'regressed')),
  opened_at         TEXT NOT NULL,
  changed_at        TEXT NOT NULL,
  opened_import_id  BIGINT NOT NULL REFERENCES import_file (id),
  changed_import_id BIGINT NOT NULL REFERENCES import_file (id),
  UNIQUE (incident, asset_id, product_id)
);
CREATE INDEX remediation_task_by_customer ON remediation_task (incident, customer_id);

-- Every state a task took, with the import that caused it.
CREATE TABLE remediation_event (
  task_id   BIGINT NOT NULL REFERENCES remediation_task (id),
  at        TEXT NOT NULL,
  state     TEXT NOT NULL,
  import_id BIGINT NOT NULL REFERENCES import_file (id)
);
CREATE INDEX remediation_event_by_task ON remediation_event (task_id);

-- The audit log: an append-only hash chain (docs/triage.md describes the canonical form that is hashed).
CREATE TABLE audit_entry (
  seq        BIGINT PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  subject    TEXT NOT NULL,
  details    TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,
  entry_hash TEXT NOT NULL
);
CREATE INDEX audit_entry_by_action ON audit_entry (action);

-- The chain's head, one row: appenders lock it, so concurrent appends are serialised.
CREATE TABLE audit_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
