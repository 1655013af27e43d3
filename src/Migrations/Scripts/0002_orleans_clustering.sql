-- Cluster membership for Microsoft.Orleans.Clustering.AdoNet 10.4.2 (UseAdoNetClustering, invariant "Npgsql"):
-- the membership tables, two functions for the version-checked writes, and the ten statements the provider reads
-- from OrleansQuery (nine it requires, one optional it uses when present). It follows the provider's query
-- contract -- the keys it looks up, the @parameters it binds and the result columns it reads by name -- documented
-- in docs/orleans-schema.md. Written for this project, not copied from Orleans' own scripts.
--
-- Contract notes that shaped this file:
--  * Columns are snake_case; each read aliases them to the exact names the provider asks for ("Address", ...).
--  * Every read of membership returns at least one row carrying the table version, even with no silo rows (the
--    provider takes the version from the first row). A cluster without a version row reads as empty, version 0.
--  * Writes that change rows are guarded by the table version (the etag the provider passes as @Version): the
--    change happens, and the version goes up by one, only if the stored version still equals @Version.
--  * Status values are Orleans' SiloStatus numbers: 3 = Active (6 = Dead).
--  * Timestamps are timestamptz and the provider passes UTC DateTime values.

-- One row per cluster (the provider's "DeploymentId" is the ClusterId): the table version that orders all changes.
CREATE TABLE OrleansMembershipVersionTable (
  deployment_id text        NOT NULL PRIMARY KEY,
  version       integer     NOT NULL DEFAULT 0 CHECK (version >= 0),
  changed_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per silo incarnation (address, port and generation identify it).
CREATE TABLE OrleansMembershipTable (
  deployment_id   text        NOT NULL
                  REFERENCES OrleansMembershipVersionTable (deployment_id) ON DELETE CASCADE,
  address         text        NOT NULL,
  port            integer     NOT NULL,
  generation      integer     NOT NULL,
  silo_name       text        NOT NULL,
  host_name       text        NOT NULL,
  status          integer     NOT NULL,
  proxy_port      integer     NOT NULL DEFAULT 0, -- the silo's gateway port; 0 when it opens none
  suspect_times   text,                           -- "silo,yyyy-MM-dd HH:mm:ss.fff GMT|..." as Orleans formats it
  start_time      timestamptz NOT NULL,
  i_am_alive_time timestamptz NOT NULL,
  PRIMARY KEY (deployment_id, address, port, generation)
);

COMMENT ON TABLE OrleansMembershipVersionTable IS
  'Orleans cluster membership: one version row per cluster (deployment_id = ClusterId), raised by every membership change.';
COMMENT ON TABLE OrleansMembershipTable IS
  'Orleans cluster membership: one row per silo incarnation; status is Orleans SiloStatus (3 Active, 6 Dead).';

-- Adds a silo row and raises the table version, both or neither: only when the stored version equals
-- expected_version and the silo is not in the table yet. Locking the version row first orders it after (and
-- before) every other version-changing write of the same cluster.
CREATE FUNCTION orleans_membership_insert(
  p_deployment_id    text,
  p_address          text,
  p_port             integer,
  p_generation       integer,
  p_silo_name        text,
  p_host_name        text,
  p_status           integer,
  p_proxy_port       integer,
  p_start_time       timestamptz,
  p_i_am_alive_time  timestamptz,
  p_expected_version integer)
RETURNS boolean
LANGUAGE plpgsql
AS $$
DECLARE
  stored_version integer;
BEGIN
  -- A cluster nobody initialised yet behaves as an empty table at version 0.
  INSERT INTO OrleansMembershipVersionTable (deployment_id) VALUES (p_deployment_id)
  ON CONFLICT (deployment_id) DO NOTHING;

  SELECT v.version INTO stored_version
  FROM OrleansMembershipVersionTable v
  WHERE v.deployment_id = p_deployment_id
  FOR UPDATE;

  -- A stale etag loses; so does a version that could not be raised any more (integer limit).
  IF stored_version IS DISTINCT FROM p_expected_version OR stored_version = 2147483647 THEN
    RETURN false;
  END IF;

  IF EXISTS (
    SELECT 1 FROM OrleansMembershipTable m
    WHERE m.deployment_id = p_deployment_id
      AND m.address = p_address AND m.port = p_port AND m.generation = p_generation) THEN
    RETURN false;
  END IF;

  INSERT INTO OrleansMembershipTable (
    deployment_id, address, port, generation, silo_name, host_name,
    status, proxy_port, suspect_times, start_time, i_am_alive_time)
  VALUES (
    p_deployment_id, p_address, p_port, p_generation, coalesce(p_silo_name, ''), coalesce(p_host_name, ''),
    p_status, coalesce(p_proxy_port, 0), NULL, p_start_time, p_i_am_alive_time);

  UPDATE OrleansMembershipVersionTable
  SET version = version + 1, changed_at = now()
  WHERE deployment_id = p_deployment_id;

  RETURN true;
END;
$$;

-- Rewrites a silo row's status and suspicion votes (and liveness time) and raises the table version, both or
-- neither: only when the stored version equals expected_version and the silo row exists.
CREATE FUNCTION orleans_membership_update(
  p_deployment_id    text,
  p_address          text,
  p_port             integer,
  p_generation       integer,
  p_status           integer,
  p_suspect_times    text,
  p_i_am_alive_time  timestamptz,
  p_expected_version integer)
RETURNS boolean
LANGUAGE plpgsql
AS $$
DECLARE
  stored_version integer;
BEGIN
  SELECT v.version INTO stored_version
  FROM OrleansMembershipVersionTable v
  WHERE v.deployment_id = p_deployment_id
  FOR UPDATE;

  -- A stale etag loses; so does a version that could not be raised any more (integer limit).
  IF stored_version IS DISTINCT FROM p_expected_version OR stored_version = 2147483647 THEN
    RETURN false;
  END IF;

  UPDATE OrleansMembershipTable
  SET status = p_status,
      suspect_times = p_suspect_times,
      -- The entry may have been read before the silo's latest heartbeat; liveness never moves backwards.
      i_am_alive_time = greatest(i_am_alive_time, p_i_am_alive_time)
  WHERE deployment_id = p_deployment_id
    AND address = p_address AND port = p_port AND generation = p_generation;

  IF NOT FOUND THEN
    RETURN false;
  END IF;

  UPDATE OrleansMembershipVersionTable
  SET version = version + 1, changed_at = now()
  WHERE deployment_id = p_deployment_id;

  RETURN true;
END;
$$;

-- The latest suspicion vote recorded in a suspect_times value (NULL when none). Orleans 10 counts these votes in a
-- defunct entry's "last update" when it prunes the table, so a silo declared dead recently is not pruned early.
CREATE FUNCTION orleans_membership_latest_vote(p_suspect_times text)
RETURNS timestamptz
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN (
  SELECT max((vote[1] || '+00')::timestamptz)
  FROM regexp_matches(p_suspect_times, '(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?) GMT', 'g') AS vote
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Silo start: make sure the cluster has its version row. One boolean: true when this call created it.
('InsertMembershipVersionKey', $sql$
WITH created AS (
  INSERT INTO OrleansMembershipVersionTable (deployment_id)
  VALUES (@DeploymentId)
  ON CONFLICT (deployment_id) DO NOTHING
  RETURNING deployment_id
)
SELECT EXISTS (SELECT 1 FROM created) AS "Created"
$sql$),

-- The whole table at one instant: a row per silo plus the version, or a single row of NULLs and the version.
('MembershipReadAllKey', $sql$
SELECT c.deployment_id     AS "DeploymentId",
       m.address           AS "Address",
       m.port              AS "Port",
       m.generation        AS "Generation",
       m.silo_name         AS "SiloName",
       m.host_name         AS "HostName",
       m.status            AS "Status",
       m.proxy_port        AS "ProxyPort",
       m.suspect_times     AS "SuspectTimes",
       m.start_time        AS "StartTime",
       m.i_am_alive_time   AS "IAmAliveTime",
       coalesce(v.version, 0) AS "Version"
FROM (SELECT CAST(@DeploymentId AS text) AS deployment_id) AS c
LEFT JOIN OrleansMembershipVersionTable AS v ON v.deployment_id = c.deployment_id
LEFT JOIN OrleansMembershipTable AS m ON m.deployment_id = c.deployment_id
ORDER BY m.address, m.port, m.generation
$sql$),

-- One silo and the version at one instant; the silo columns are NULL when it is not in the table.
('MembershipReadRowKey', $sql$
SELECT c.deployment_id     AS "DeploymentId",
       m.address           AS "Address",
       m.port              AS "Port",
       m.generation        AS "Generation",
       m.silo_name         AS "SiloName",
       m.host_name         AS "HostName",
       m.status            AS "Status",
       m.proxy_port        AS "ProxyPort",
       m.suspect_times     AS "SuspectTimes",
       m.start_time        AS "StartTime",
       m.i_am_alive_time   AS "IAmAliveTime",
       coalesce(v.version, 0) AS "Version"
FROM (SELECT CAST(@DeploymentId AS text) AS deployment_id) AS c
LEFT JOIN OrleansMembershipVersionTable AS v ON v.deployment_id = c.deployment_id
LEFT JOIN OrleansMembershipTable AS m
       ON m.deployment_id = c.deployment_id
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
$sql$),

-- A new silo joins (version-checked). One boolean: true when inserted.
('InsertMembershipKey', $sql$
SELECT orleans_membership_insert(
  @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
  @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS "Inserted"
$sql$),

-- A silo's status or suspicion votes change (version-checked). One boolean: true when updated.
('UpdateMembershipKey', $sql$
SELECT orleans_membership_update(
  @DeploymentId, @Address, @Port, @Generation,
  @Status, @SuspectTimes, @IAmAliveTime, @Version) AS "Updated"
$sql$),

-- Heartbeat: only the liveness time, never moved backwards; no version change, nothing returned.
('UpdateIAmAlivetimeKey', $sql$
UPDATE OrleansMembershipTable
SET i_am_alive_time = greatest(i_am_alive_time, @IAmAliveTime)
WHERE deployment_id = @DeploymentId
  AND address = @Address AND port = @Port AND generation = @Generation
$sql$),

-- Gateways that clients may connect to: active silos with a gateway port (@Status is Active).
('GatewaysQueryKey', $sql$
SELECT address    AS "Address",
       proxy_port AS "ProxyPort",
       generation AS "Generation"
FROM OrleansMembershipTable
WHERE deployment_id = @DeploymentId
  AND status = @Status
  AND proxy_port > 0
$sql$),

-- Forgets the whole cluster: its version row and, by the cascade, all its silo rows.
('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM OrleansMembershipVersionTable
WHERE deployment_id = @DeploymentId
$sql$),

-- Prunes defunct silos in one statement: Dead rows of the cluster whose start, last heartbeat and last suspicion
-- vote all lie before the cut-off @IAmAliveTime. The 10.4.2 provider runs this only when the per-row key below is
-- missing (it is not, here), so it is the fallback for a provider that lacks that path; same rule either way.
-- "At or before" rather than "before": Npgsql drops the sub-microsecond part of the cut-off, and the runtime's
-- cut-off for MaxDefunctSiloEntries is a stored (microsecond) time plus one 100 ns tick. Leaves the version alone.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM OrleansMembershipTable
WHERE deployment_id = @DeploymentId
  AND status = 6
  AND greatest(start_time, i_am_alive_time, orleans_membership_latest_vote(suspect_times)) <= @IAmAliveTime
$sql$),

-- Prunes one defunct silo (optional key; the 10.4.2 provider prefers it when present). The provider reads the
-- table, picks Dead rows whose start, heartbeat and suspicion votes all precede the cut-off, and deletes each with
-- the values it read: the row goes only if it is still Dead and unchanged since. Leaves the version alone.
('CleanupDefunctSiloEntryKey', $sql$
DELETE FROM OrleansMembershipTable
WHERE deployment_id = @DeploymentId
  AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime
  AND i_am_alive_time = @IAmAliveTime
  AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '')
$sql$);
