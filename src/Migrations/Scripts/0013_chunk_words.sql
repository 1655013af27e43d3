-- Each finished chunk's words with their times from the chunk's start (captions, the SSE chunk event, timestamps),
-- written with the chunk's completion: [{"w": text, "s": start, "e": end}] in seconds.
ALTER TABLE job_chunks ADD COLUMN words jsonb;
