-- Peer (ii): the hot line with one conditional UPDATE (it debits only if the balance covers the amount) and the
-- authorization record, in one statement: one round trip, one transaction. pgbench variables: amount.
\set key random(1, 9000000000000000000)
WITH debit AS (UPDATE credit_line SET available = available - :amount WHERE id = 1 AND available >= :amount RETURNING id)
INSERT INTO authorization_record (request_key, line_id, amount, approved) SELECT :key, 1, :amount, EXISTS (SELECT 1 FROM debit);
