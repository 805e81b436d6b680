-- The peer: a plain row-lock ledger. One row per credit line; one row per authorization, approved or declined, keyed
-- by the caller's request key as the switch keys its idempotency records. No foreign key from the authorization to
-- its line: its check would take a KEY SHARE lock on the hot row, and the peer is given the cheapest honest schema.
-- psql variables: lines, credit_limit, zipf_s.
CREATE TABLE credit_line (
    id integer PRIMARY KEY,
    credit_limit bigint NOT NULL,
    available bigint NOT NULL CHECK (available >= 0)
);

CREATE TABLE authorization_record (
    request_key bigint PRIMARY KEY,
    line_id integer NOT NULL,
    amount bigint NOT NULL,
    approved boolean NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO credit_line SELECT g, :credit_limit, :credit_limit FROM generate_series(1, :lines) AS g;

-- The Zipf law of the switch's workload (b) as a cumulative table: rank k (line k) owns the interval of 10^15 up to
-- its upper bound, so a uniform draw u in [0, 10^15) picks line k with P(k) proportional to 1/k^s. pgbench's own
-- random_zipfian accepts only s > 1; this takes any s, the same one the switch uses.
CREATE TABLE zipf_rank (upper bigint PRIMARY KEY, line_id integer NOT NULL);

INSERT INTO zipf_rank
SELECT CASE WHEN k = :lines THEN 1000000000000000
            ELSE (1e15 * sum(power(k::float8, -(:zipf_s)::float8)) OVER (ORDER BY k) / sum(power(k::float8, -(:zipf_s)::float8)) OVER ())::bigint
       END,
       k
FROM generate_series(1, :lines) AS k
ON CONFLICT DO NOTHING;

VACUUM ANALYZE;
