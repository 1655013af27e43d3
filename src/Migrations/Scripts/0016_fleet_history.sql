-- The /ops chart's samples of the fleet, shared by every gateway and kept across restarts. A sample's slot is its time
-- divided by Operators:SampleSeconds: whichever gateways sample, the first to write a slot keeps it.
CREATE TABLE fleet_history (
  slot              bigint        PRIMARY KEY,
  sampled_at        timestamptz   NOT NULL,
  cost_per_hour_usd numeric       NOT NULL,
  pools             jsonb         NOT NULL
);
CREATE INDEX fleet_history_sampled_at ON fleet_history (sampled_at);
