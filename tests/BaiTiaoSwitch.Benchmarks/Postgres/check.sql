-- After each peer workload: approvals, declines, and whether the ledger is conserved (limit - available = approved).
SELECT count(*) FILTER (WHERE approved),
       count(*) FILTER (WHERE NOT approved),
       (SELECT sum(credit_limit - available) FROM credit_line) = coalesce(sum(amount) FILTER (WHERE approved), 0)
FROM authorization_record;
