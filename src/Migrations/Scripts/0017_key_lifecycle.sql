-- Several keys per tenant: each has an id operators name it by (the hash stays the lookup key), an optional name, and
-- its last use (written at most about once a minute per key per gateway). Existing keys get an id here.
ALTER TABLE api_keys ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE api_keys ADD CONSTRAINT api_keys_id_unique UNIQUE (id);
ALTER TABLE api_keys ADD COLUMN name text CHECK (name IS NULL OR length(name) BETWEEN 1 AND 100);
ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz;

-- Every gateway polls for keys revoked since its last look each second, to drop them from its cache.
CREATE INDEX api_keys_revoked_at ON api_keys (revoked_at) WHERE revoked_at IS NOT NULL;

-- What admins did (tenants, keys, quotas, fleet bounds and images): who, when, to what.
CREATE TABLE admin_events (
  id     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at     timestamptz NOT NULL DEFAULT now(),
  actor  text        NOT NULL,
  action text        NOT NULL,
  target text        NOT NULL,
  detail jsonb
);
CREATE INDEX admin_events_at ON admin_events (at);
