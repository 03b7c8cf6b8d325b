-- A MISP warninglist may be limited to some attribute types (matching_attributes): the Chainwatch indicator types
-- it applies to, comma-separated; NULL means every type.
ALTER TABLE warninglist ADD COLUMN applies_to TEXT;
