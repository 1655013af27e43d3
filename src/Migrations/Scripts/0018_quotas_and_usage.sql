-- Quotas per tenant (null: no limit), and the usage of jobs that retention deleted, rolled up by hour and model so that
-- usage and monthly quotas still count them. A job is counted at acceptance (created_at); one cancelled before any
-- chunk ran (cancelled, never started) was refunded and counts for nothing.
CREATE TABLE tenant_quotas (
  tenant_id            uuid        PRIMARY KEY REFERENCES tenants (id),
  characters_per_day   bigint      CHECK (characters_per_day >= 0),
  characters_per_month bigint      CHECK (characters_per_month >= 0),
  concurrent_jobs      integer     CHECK (concurrent_jobs >= 0),
  max_job_characters   integer     CHECK (max_job_characters >= 0),
  updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE usage_rollup (
  tenant_id      uuid             NOT NULL REFERENCES tenants (id),
  hour           timestamptz      NOT NULL,
  model          text             NOT NULL,
  characters     bigint           NOT NULL,
  jobs           integer          NOT NULL,
  audio_seconds  double precision NOT NULL,
  engine_seconds double precision NOT NULL,
  cost_usd       numeric(18, 6)   NOT NULL,
  PRIMARY KEY (tenant_id, hour, model)
);

-- The operators' "top tenants of the day" reads every tenant's jobs since midnight.
CREATE INDEX jobs_created_at ON jobs (created_at);
