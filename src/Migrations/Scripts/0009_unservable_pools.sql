-- A worker that cannot load its engine reports it; the scaler stops scaling that pool with that image until an
-- operator acts (new bounds or image) or a worker of the pool becomes ready.
ALTER TABLE fleet_pools
  ADD COLUMN unservable_reason text,
  ADD COLUMN unservable_image  text,
  ADD COLUMN unservable_since  timestamptz;
