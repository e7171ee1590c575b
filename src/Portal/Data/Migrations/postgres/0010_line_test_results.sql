ALTER TABLE line_tests ADD COLUMN result_id text;
