-- Tenants, their API keys, and jobs with their chunks. The job grain is the only writer of its jobs row.

CREATE TABLE tenants (
  id         uuid        PRIMARY KEY,
  name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Keys are random 256-bit secrets, so a plain SHA-256 is a sound hash; only the hash is stored.
CREATE TABLE api_keys (
  key_hash   bytea       PRIMARY KEY CHECK (length(key_hash) = 32),
  tenant_id  uuid        NOT NULL REFERENCES tenants (id),
  key_prefix text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

CREATE TABLE jobs (
  id                  uuid             PRIMARY KEY,
  tenant_id           uuid             NOT NULL REFERENCES tenants (id),
  status              text             NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  row_version         integer          NOT NULL DEFAULT 1,
  created_at          timestamptz      NOT NULL,
  started_at          timestamptz,
  finished_at         timestamptz,
  text                text             NOT NULL,
  characters          integer          NOT NULL CHECK (characters > 0),
  model               text             NOT NULL,
  voice               text             NOT NULL,
  format              text             NOT NULL,
  speed               double precision NOT NULL CHECK (speed BETWEEN 0.25 AND 4.0),
  priority            text             NOT NULL CHECK (priority IN ('interactive', 'normal', 'batch')),
  webhook_url         text,
  metadata            json,             -- the client's object kept verbatim (json, not jsonb, so it reads back byte-identical)
  idempotency_key     text,
  request_fingerprint text,
  chunks_total        integer          NOT NULL CHECK (chunks_total > 0),
  chunks_done         integer          NOT NULL DEFAULT 0 CHECK (chunks_done BETWEEN 0 AND chunks_total),
  audio_seconds       double precision NOT NULL DEFAULT 0,
  gpu_seconds         double precision NOT NULL DEFAULT 0,
  cost_usd            numeric(14, 6)   NOT NULL DEFAULT 0,
  error_code          text,
  error_message       text,
  -- finished ⇔ terminal; failed ⇔ an error is recorded; running or succeeded ⇒ it was started.
  CONSTRAINT jobs_finished_iff_terminal CHECK ((status IN ('succeeded', 'failed', 'cancelled')) = (finished_at IS NOT NULL)),
  CONSTRAINT jobs_error_iff_failed CHECK ((status = 'failed') = (error_code IS NOT NULL)),
  CONSTRAINT jobs_started_when_running CHECK (status NOT IN ('running', 'succeeded') OR started_at IS NOT NULL)
);
COMMENT ON COLUMN jobs.row_version IS 'Bumped by every write of the job grain; a write with a stale version changes nothing.';

CREATE UNIQUE INDEX jobs_idempotency_key ON jobs (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX jobs_tenant_newest ON jobs (tenant_id, created_at DESC, id DESC);
CREATE INDEX jobs_tenant_status_newest ON jobs (tenant_id, status, created_at DESC, id DESC);
CREATE INDEX jobs_unfinished ON jobs (status) WHERE status IN ('queued', 'running');

CREATE TABLE job_chunks (
  job_id      uuid    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  seq         integer NOT NULL CHECK (seq >= 0),
  char_start  integer NOT NULL CHECK (char_start >= 0),
  char_length integer NOT NULL CHECK (char_length > 0),
  PRIMARY KEY (job_id, seq)
);
COMMENT ON TABLE job_chunks IS 'A job''s text split for synthesis; offsets are UTF-16 code units into jobs.text.';
