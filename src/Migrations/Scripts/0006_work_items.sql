-- A job's chunks are its work items: the job grain appends them with the job (so the enqueue is durable before the
-- 202), the pool's queue grain updates them on lease, retry and finish, and rebuilds its memory from them.

ALTER TABLE jobs ADD COLUMN pool text;
UPDATE jobs SET pool = model WHERE pool IS NULL;
ALTER TABLE jobs ALTER COLUMN pool SET NOT NULL;
CREATE INDEX jobs_pool_unfinished ON jobs (pool) WHERE status IN ('queued', 'running');

-- The chunk's own text, so a lease carries it without reading the whole job text.
ALTER TABLE job_chunks ADD COLUMN text text;
UPDATE job_chunks c SET text = substr(j.text, c.char_start + 1, c.char_length) FROM jobs j WHERE j.id = c.job_id AND c.text IS NULL;
ALTER TABLE job_chunks ALTER COLUMN text SET NOT NULL;

ALTER TABLE job_chunks
  ADD COLUMN state            text             NOT NULL DEFAULT 'queued'
                              CHECK (state IN ('queued', 'leased', 'done', 'failed', 'cancelled')),
  ADD COLUMN attempts         integer          NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  ADD COLUMN not_before       timestamptz,
  ADD COLUMN worker_id        text,
  ADD COLUMN lease_expires_at timestamptz,
  ADD COLUMN finished_at      timestamptz,
  ADD COLUMN artifact_key     text,
  ADD COLUMN sample_rate      integer,
  ADD COLUMN samples          bigint,
  ADD COLUMN engine_seconds   double precision,
  ADD COLUMN cost_usd         numeric(14, 6),
  ADD COLUMN error            text,
  ADD CONSTRAINT job_chunks_done_has_audio CHECK (state <> 'done' OR (artifact_key IS NOT NULL AND samples IS NOT NULL));

CREATE INDEX job_chunks_open ON job_chunks (job_id) WHERE state IN ('queued', 'leased');

-- Webhook deliveries: written when a job ends, sent and retried by the gateway until delivered or given up.
CREATE TABLE webhook_deliveries (
  id              bigserial   PRIMARY KEY,
  job_id          uuid        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  url             text        NOT NULL,
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz,
  gave_up_at      timestamptz,
  last_error      text,
  UNIQUE (job_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND gave_up_at IS NULL;

-- The key each tenant's webhooks are signed with (HMAC-SHA256); two random UUIDs' worth of entropy by default.
ALTER TABLE tenants ADD COLUMN webhook_secret text NOT NULL
  DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
