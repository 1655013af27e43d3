-- The W3C traceparent of the request that submitted a job: workers pull its chunks later, in another process, and
-- start their spans under it so the job is one trace from the gateway to the engine.
ALTER TABLE jobs ADD COLUMN trace_parent text;
