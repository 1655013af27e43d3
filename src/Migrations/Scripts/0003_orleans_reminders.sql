-- Reminders for Microsoft.Orleans.Reminders.AdoNet 10.4.2 (UseAdoNetReminderService, invariant "Npgsql"): the
-- reminder table and the seven statements the provider requires in OrleansQuery. It follows the provider's query
-- contract -- the keys it looks up, the @parameters it binds and the result columns it reads by name -- documented
-- in docs/orleans-schema.md. Written for this project, not copied from Orleans' own scripts.
--
-- Contract notes that shaped this file:
--  * Rows are keyed by ServiceId (not ClusterId), grain id and reminder name.
--  * @GrainHash, @BeginHash and @EndHash are the grain's uniform hash (a uint) passed as a signed int; ranges are
--    compared as signed ints, the way the provider picks between its two range statements.
--  * @Period is milliseconds, bound as int or, when longer than int allows, as bigint; the column is bigint.
--  * The etag is the "Version" column, an integer. Here every write draws it from one sequence, so an etag is
--    never reused for the same reminder after it is deleted and registered again.
--  * Timestamps are timestamptz and the provider passes UTC DateTime values.

CREATE SEQUENCE orleans_reminder_etag AS integer MINVALUE 1 CYCLE;

CREATE TABLE OrleansRemindersTable (
  service_id    text        NOT NULL,
  grain_id      text        NOT NULL,
  reminder_name text        NOT NULL,
  start_time    timestamptz NOT NULL,
  period_ms     bigint      NOT NULL,
  grain_hash    integer     NOT NULL,
  version       integer     NOT NULL DEFAULT nextval('orleans_reminder_etag'),
  PRIMARY KEY (service_id, grain_id, reminder_name)
);

ALTER SEQUENCE orleans_reminder_etag OWNED BY OrleansRemindersTable.version;

-- The reminder service of each silo reads the slice of the hash ring it owns.
CREATE INDEX orleans_reminders_by_hash ON OrleansRemindersTable (service_id, grain_hash);

COMMENT ON TABLE OrleansRemindersTable IS
  'Orleans reminders: one row per grain and reminder name; version is the etag, grain_hash the signed uniform hash.';

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Registers or re-registers a reminder. One row, one column: the new etag.
('UpsertReminderRowKey', $sql$
INSERT INTO OrleansRemindersTable AS r
  (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash)
VALUES
  (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = EXCLUDED.start_time,
    period_ms  = EXCLUDED.period_ms,
    grain_hash = EXCLUDED.grain_hash,
    version    = nextval('orleans_reminder_etag')
RETURNING r.version AS "Version"
$sql$),

-- All reminders of one grain.
('ReadReminderRowsKey', $sql$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period_ms     AS "Period",
       version       AS "Version"
FROM OrleansRemindersTable
WHERE service_id = @ServiceId
  AND grain_id = @GrainId
$sql$),

-- One reminder of one grain; no row when it does not exist.
('ReadReminderRowKey', $sql$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period_ms     AS "Period",
       version       AS "Version"
FROM OrleansRemindersTable
WHERE service_id = @ServiceId
  AND grain_id = @GrainId
  AND reminder_name = @ReminderName
$sql$),

-- A slice of the hash ring that does not wrap: hashes in (@BeginHash, @EndHash].
('ReadRangeRows1Key', $sql$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period_ms     AS "Period",
       version       AS "Version"
FROM OrleansRemindersTable
WHERE service_id = @ServiceId
  AND grain_hash > @BeginHash
  AND grain_hash <= @EndHash
$sql$),

-- A slice of the hash ring that wraps (or the whole ring): hashes above @BeginHash or up to @EndHash.
('ReadRangeRows2Key', $sql$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period_ms     AS "Period",
       version       AS "Version"
FROM OrleansRemindersTable
WHERE service_id = @ServiceId
  AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$sql$),

-- Unregisters a reminder if its etag still matches. One boolean: true when a row was deleted.
('DeleteReminderRowKey', $sql$
WITH removed AS (
  DELETE FROM OrleansRemindersTable
  WHERE service_id = @ServiceId
    AND grain_id = @GrainId
    AND reminder_name = @ReminderName
    AND version = @Version
  RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM removed) AS "Deleted"
$sql$),

-- Removes every reminder of the service (Orleans calls this only from test helpers).
('DeleteReminderRowsKey', $sql$
DELETE FROM OrleansRemindersTable
WHERE service_id = @ServiceId
$sql$);
