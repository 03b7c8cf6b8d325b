-- The release ledger (issue 6): one artifact of one release as one source saw it (releases.csv), and observations
-- recorded by 'verify --record customer:NAME' with what verification found. Observations of files the ledger does
-- not know have empty vendor, product and version. import_id is null for observations.

CREATE TABLE release_artifact (
  id                INTEGER PRIMARY KEY,
  vendor            TEXT NOT NULL,
  product           TEXT NOT NULL,
  version           TEXT NOT NULL,
  platform          TEXT NOT NULL,
  file              TEXT NOT NULL,
  sha256            TEXT NOT NULL,
  signer_thumbprint TEXT,
  published         TEXT,
  source            TEXT NOT NULL,
  signature_status  TEXT,
  appended_bytes    BIGINT,
  in_signed_bundle  INTEGER NOT NULL DEFAULT 0,
  import_id         BIGINT REFERENCES import_file (id),
  UNIQUE (vendor, product, version, platform, file, sha256, source)
);

CREATE INDEX release_artifact_sha256 ON release_artifact (sha256);
CREATE INDEX release_artifact_file ON release_artifact (file);
