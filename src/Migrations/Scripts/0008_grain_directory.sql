-- Where the control grains (jobs, queues, the scaler) are active. Kept here rather than in Orleans' default
-- directory, which spreads itself over every silo: a crashed worker would hold part of it until it is declared dead,
-- and new jobs landing in that part would be refused meanwhile.
CREATE TABLE grain_directory (
  cluster_id         text   NOT NULL,
  grain_id           text   NOT NULL,
  silo_address       text   NOT NULL,
  activation_id      text   NOT NULL,
  membership_version bigint NOT NULL,
  PRIMARY KEY (cluster_id, grain_id)
);
CREATE INDEX grain_directory_silo ON grain_directory (cluster_id, silo_address);
