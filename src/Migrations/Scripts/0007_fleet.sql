-- The scaler's memory: every worker it asked a provider for, from request to gone (so a restarted gateway knows its
-- fleet before the provider's list answers), run-time pool settings, and every decision with its inputs and reason.

CREATE TABLE fleet_workers (
  id                text PRIMARY KEY,                -- the fleet's name for it, also its provisioning token
  pool              text        NOT NULL,
  provider          text        NOT NULL,
  provider_id       text,
  image             text        NOT NULL,
  state             text        NOT NULL CHECK (state IN ('booting', 'joining', 'ready', 'draining', 'gone')),
  state_since       timestamptz NOT NULL,
  created_at        timestamptz NOT NULL,
  ready_at          timestamptz,
  silo_address      text,
  cost_per_hour_usd numeric(10, 4) NOT NULL DEFAULT 0 CHECK (cost_per_hour_usd >= 0),
  reason            text
);
CREATE INDEX fleet_workers_live ON fleet_workers (pool) WHERE state <> 'gone';
CREATE INDEX fleet_workers_gone ON fleet_workers (state_since DESC) WHERE state = 'gone';

CREATE TABLE fleet_pools (
  pool        text PRIMARY KEY,
  min_workers integer     CHECK (min_workers >= 0),
  max_workers integer     CHECK (max_workers >= 0),
  image       text,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (min_workers IS NULL OR max_workers IS NULL OR min_workers <= max_workers)
);

CREATE TABLE scaling_events (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  pool       text        NOT NULL,
  action     text        NOT NULL,
  from_count integer     NOT NULL,
  to_count   integer     NOT NULL,
  reason     text        NOT NULL,
  inputs     jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX scaling_events_at ON scaling_events (at DESC);
