-- The voices each pool's workers found on disk (reported by every worker once its engine is loaded), so a model's
-- catalogue is what its workers can speak, and is still known after the pool scaled to zero. A report replaces the
-- pool's rows in one transaction.
CREATE TABLE pool_voices (
  pool               text        NOT NULL,
  voice              text        NOT NULL,
  languages          text[]      NOT NULL,
  unavailable_reason text,
  reported_by        text        NOT NULL,
  reported_at        timestamptz NOT NULL,
  PRIMARY KEY (pool, voice)
);
