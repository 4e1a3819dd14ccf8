-- Staff tokens get an Id, by which the admin lists and disables them (staffTokens/getAll, /disable);
-- tokens issued before this migration get a random one. A disabled token is refused from then on.
ALTER TABLE staff_token ADD COLUMN id UUID;
UPDATE staff_token SET id = gen_random_uuid();
ALTER TABLE staff_token ALTER COLUMN id SET NOT NULL;
ALTER TABLE staff_token ADD CONSTRAINT staff_token_id_unique UNIQUE (id);
ALTER TABLE staff_token ADD COLUMN is_enabled BOOLEAN DEFAULT TRUE NOT NULL;
-- staffTokens/getAll: the tokens of one enterprise, newest first.
CREATE INDEX staff_token_by_enterprise ON staff_token (enterprise_id, created_utc);
