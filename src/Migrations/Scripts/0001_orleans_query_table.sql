-- The statement catalogue of Orleans' ADO.NET providers (Microsoft.Orleans.Clustering.AdoNet and
-- Microsoft.Orleans.Reminders.AdoNet 10.4.2, invariant "Npgsql").
--
-- On start-up each provider runs exactly `SELECT QueryKey, QueryText FROM OrleansQuery`, keeps every row in a
-- dictionary and from then on executes only those texts, looked up by key; a key it needs but does not find stops
-- the provider ("Not all required queries found"). So the table and its two column names are fixed by that
-- contract; the texts are ours. Migrations 0002 (membership) and 0003 (reminders) fill it. Written for this
-- project from the providers' query contract (see docs/orleans-schema.md), not copied from Orleans' own scripts.
CREATE TABLE OrleansQuery (
  QueryKey  text NOT NULL PRIMARY KEY,
  QueryText text NOT NULL CHECK (btrim(QueryText) <> '')
);

COMMENT ON TABLE OrleansQuery IS
  'SQL run by the Orleans ADO.NET clustering and reminder providers, by key; read once when a provider starts.';
