ALTER TABLE provider_history ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE staff ADD COLUMN disabled_at text;
ALTER TABLE staff ADD COLUMN security_stamp text NOT NULL DEFAULT '';
UPDATE staff SET security_stamp = md5(random()::text || clock_timestamp()::text);
