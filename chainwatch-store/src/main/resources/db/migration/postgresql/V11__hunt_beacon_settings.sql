-- The beacon detector's thresholds a hunt ran with ("off" when it was turned off), so that a stored hunt says how its
-- beacon sightings were judged. Null for hunts stored before this column existed. (V9 is unused: numbered after V10 so
-- that databases already at V10 get it too.)
ALTER TABLE hunt ADD COLUMN beacons TEXT;
