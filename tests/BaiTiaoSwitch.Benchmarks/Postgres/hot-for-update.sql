-- Peer (i): the hot line as a row-lock ledger. Lock the line, decide, debit and record the authorization, commit.
-- pgbench variables: amount. Declines (the balance would be overspent) are recorded too, as the switch does.
\set key random(1, 9000000000000000000)
BEGIN;
SELECT available FROM credit_line WHERE id = 1 FOR UPDATE \gset
\if :available >= :amount
UPDATE credit_line SET available = available - :amount WHERE id = 1;
INSERT INTO authorization_record (request_key, line_id, amount, approved) VALUES (:key, 1, :amount, true);
\else
INSERT INTO authorization_record (request_key, line_id, amount, approved) VALUES (:key, 1, :amount, false);
\endif
END;
