-- A finished line test is kept as a result once: the ID it was kept under.
ALTER TABLE line_tests ADD COLUMN result_id TEXT;
