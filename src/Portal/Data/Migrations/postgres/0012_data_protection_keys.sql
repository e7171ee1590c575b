-- Data-protection keys (staff cookies, form tokens), shared by every portal on this database: a cookie issued by
-- one instance is valid on the others.
CREATE TABLE data_protection_keys (
    name       text PRIMARY KEY,
    xml        text NOT NULL,
    created_at text NOT NULL
);
