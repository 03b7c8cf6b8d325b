-- Threat intelligence: normalised indicators with every source, actors with aliases, attributions from intel,
-- sightings, warninglists, ATT&CK techniques and incident links. Booleans are 0/1 integers in both dialects.

CREATE TABLE indicator (
  id    INTEGER PRIMARY KEY,
  type  TEXT NOT NULL,
  value TEXT NOT NULL,
  UNIQUE (type, value)
);

-- One row per source statement. origin 'advisory' rows mirror a native advisory's indicators and are replaced with it;
-- incident_id has no foreign key: a file may name an incident that is imported later.
CREATE TABLE indicator_source (
  id                  INTEGER PRIMARY KEY,
  indicator_id        INTEGER NOT NULL REFERENCES indicator (id),
  import_id           INTEGER NOT NULL REFERENCES import_file (id),
  origin              TEXT NOT NULL CHECK (origin IN ('advisory', 'intel')),
  source_object       TEXT,
  incident_id         TEXT,
  raw_value           TEXT NOT NULL,
  huntable            INTEGER NOT NULL,
  not_huntable_reason TEXT,
  revoked             INTEGER NOT NULL,
  first_seen          TEXT,
  last_seen           TEXT,
  modified            TEXT
);
CREATE INDEX indicator_source_by_indicator ON indicator_source (indicator_id);
CREATE INDEX indicator_source_by_object ON indicator_source (source_object);
CREATE INDEX indicator_source_by_incident ON indicator_source (incident_id);

CREATE TABLE actor (
  id            INTEGER PRIMARY KEY,
  name_key      TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL,
  external_id   TEXT,
  source_object TEXT,
  supply_chain  INTEGER NOT NULL,
  revoked       INTEGER NOT NULL,
  import_id     INTEGER NOT NULL REFERENCES import_file (id)
);

CREATE TABLE actor_alias (
  actor_id  INTEGER NOT NULL REFERENCES actor (id),
  alias     TEXT NOT NULL,
  alias_key TEXT NOT NULL,
  PRIMARY KEY (actor_id, alias_key)
);
CREATE INDEX actor_alias_by_key ON actor_alias (alias_key);

CREATE TABLE actor_target (
  actor_id INTEGER NOT NULL REFERENCES actor (id),
  target   TEXT NOT NULL,
  PRIMARY KEY (actor_id, target)
);

-- subject is an incident id (subject_is_incident = 1) or the name of a campaign or actor.
CREATE TABLE intel_attribution (
  id                  INTEGER PRIMARY KEY,
  subject             TEXT NOT NULL,
  subject_is_incident INTEGER NOT NULL,
  actor               TEXT NOT NULL,
  confidence          INTEGER NOT NULL CHECK (confidence BETWEEN 0 AND 100),
  source              TEXT,
  stated_on           TEXT,
  source_object       TEXT,
  import_id           INTEGER NOT NULL REFERENCES import_file (id)
);
CREATE INDEX intel_attribution_by_subject ON intel_attribution (subject);

CREATE TABLE intel_sighting (
  id              INTEGER PRIMARY KEY,
  indicator_type  TEXT NOT NULL,
  indicator_value TEXT NOT NULL,
  verdict         TEXT NOT NULL,
  sighted_by      TEXT,
  count           INTEGER NOT NULL,
  first_seen      TEXT,
  last_seen       TEXT,
  source_object   TEXT,
  import_id       INTEGER NOT NULL REFERENCES import_file (id)
);
CREATE INDEX intel_sighting_by_indicator ON intel_sighting (indicator_type, indicator_value);

CREATE TABLE warninglist (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  version     INTEGER NOT NULL,
  description TEXT NOT NULL,
  match_type  TEXT NOT NULL,
  import_id   INTEGER NOT NULL REFERENCES import_file (id)
);

CREATE TABLE warninglist_entry (
  warninglist_id INTEGER NOT NULL REFERENCES warninglist (id),
  entry          TEXT NOT NULL,
  PRIMARY KEY (warninglist_id, entry)
);

CREATE TABLE technique (
  external_id   TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  source_object TEXT,
  import_id     INTEGER NOT NULL REFERENCES import_file (id)
);

CREATE TABLE incident_link (
  incident_id TEXT NOT NULL,
  kind        TEXT NOT NULL,
  ref         TEXT NOT NULL,
  source      TEXT NOT NULL,
  PRIMARY KEY (incident_id, kind, ref)
);
