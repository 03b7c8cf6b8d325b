-- Hunts: what was asked (parameters), what was read (stats), and the sightings found, with bounded evidence.

CREATE TABLE hunt (
  id            INTEGER PRIMARY KEY,
  started_at    TEXT NOT NULL,
  finished_at   TEXT NOT NULL,
  logs          TEXT NOT NULL, -- the paths given, one per line
  incident      TEXT,
  customer      TEXT,
  since         TEXT,
  until_time    TEXT,
  rules         TEXT,
  indicators    INTEGER NOT NULL,
  rule_count    INTEGER NOT NULL,
  files         BIGINT NOT NULL,
  events        BIGINT NOT NULL,
  bytes         BIGINT NOT NULL,
  outside       BIGINT NOT NULL,
  problems      TEXT NOT NULL -- kind=count, one per line
);

CREATE TABLE hunt_sighting (
  hunt_id         BIGINT NOT NULL REFERENCES hunt (id),
  position        INTEGER NOT NULL,
  detector        TEXT NOT NULL,
  indicator_type  TEXT NOT NULL,
  indicator_value TEXT NOT NULL,
  level           TEXT,
  customer        TEXT,
  host            TEXT NOT NULL,
  first_seen      TEXT,
  last_seen       TEXT,
  hits            BIGINT NOT NULL,
  PRIMARY KEY (hunt_id, position)
);

CREATE TABLE hunt_evidence (
  hunt_id   BIGINT NOT NULL,
  sighting  INTEGER NOT NULL,
  position  INTEGER NOT NULL,
  file      TEXT NOT NULL,
  line      BIGINT NOT NULL,
  field     TEXT NOT NULL,
  value     TEXT NOT NULL,
  PRIMARY KEY (hunt_id, sighting, position),
  FOREIGN KEY (hunt_id, sighting) REFERENCES hunt_sighting (hunt_id, position)
);
