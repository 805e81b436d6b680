-- Peer (iii): many lines, picked by the Zipf law of zipf_rank (the exponent of the switch's workload b); the same
-- one-statement conditional debit and record as (ii). pgbench variables: amount.
\set key random(1, 9000000000000000000)
\set u random(0, 999999999999999)
WITH target AS (SELECT line_id FROM zipf_rank WHERE upper > :u ORDER BY upper LIMIT 1),
     debit AS (UPDATE credit_line SET available = available - :amount WHERE id = (SELECT line_id FROM target) AND available >= :amount RETURNING id)
INSERT INTO authorization_record (request_key, line_id, amount, approved) SELECT :key, (SELECT line_id FROM target), :amount, EXISTS (SELECT 1 FROM debit);
