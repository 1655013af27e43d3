-- ASP.NET Data Protection's key ring (the admin session cookie's keys), shared by every gateway so a session made on
-- one is valid on all. One row per key element, named by the key's id; a key is never changed once written.
CREATE TABLE data_protection_keys (
  id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  friendly_name text        NOT NULL UNIQUE,
  xml           text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
