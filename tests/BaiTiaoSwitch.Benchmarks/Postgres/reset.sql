-- Before each peer workload: an empty authorization table, every line at its limit, and a checkpoint now rather than
-- inside the measured window.
TRUNCATE authorization_record;
UPDATE credit_line SET available = credit_limit;
VACUUM ANALYZE;
CHECKPOINT;
