-- The sample rate a job asked for (POST /v1/jobs "sampleRate"); null keeps the engine's own.
ALTER TABLE jobs ADD COLUMN sample_rate integer CHECK (sample_rate IS NULL OR sample_rate BETWEEN 8000 AND 48000);
