-- Grain state of PostgresGrainStorage: one JSONB row per grain and state name, etag for optimistic concurrency.
CREATE TABLE grain_state (
  service_id text        NOT NULL,
  grain_id   text        NOT NULL,
  state_name text        NOT NULL,
  etag       bigint      NOT NULL CHECK (etag > 0),
  state      jsonb       NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (service_id, grain_id, state_name)
);
