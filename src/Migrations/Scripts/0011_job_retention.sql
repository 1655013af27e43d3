-- Retention of finished jobs (Jobs:RetentionDays). A download in progress holds its job until download_until (the
-- audio route renews it while it streams; a presigned redirect holds it for the URL's lifetime). A sweep first claims
-- expired jobs that nobody holds (purging_since), then deletes their artifacts, then their rows; a download that
-- starts after the claim is refused, since its artifacts may already be gone.
ALTER TABLE jobs
  ADD COLUMN download_until timestamptz,
  ADD COLUMN purging_since  timestamptz;

CREATE INDEX jobs_finished_at ON jobs (finished_at) WHERE finished_at IS NOT NULL;
