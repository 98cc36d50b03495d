-- Cheaper idempotent ingest (issue 5): the unique ingest key (run_id, step_key, attempt,
-- worker_sequence) cost every ingested row a fourth b-tree over two text columns, and ON CONFLICT's
-- speculative insertion (a probe of that key before the heap insert, and one more WAL record).
-- Measured in isolation (4,000-row statements, PostgreSQL 16), the key and ON CONFLICT were about
-- half of the insert's CPU per row.
--
-- Instead, each ingested attempt has one row here that holds the set of sequences it sent so far.
-- An ingest upserts its attempt's row (ON CONFLICT DO UPDATE: it locks the row and reads its
-- latest committed version, whatever the statement's snapshot, so two processes cannot both take
-- the same sequence as new) and inserts only the events whose sequence was not in the set before.
-- The row and the events commit in one transaction, so the set is exactly the stored sequences.
-- (Version 2.11, not 3, so that a V3 added meanwhile on another branch does not collide.)
CREATE TABLE event_ingest_attempts (
    run_id        varchar(255)   NOT NULL,
    step_key      text           NOT NULL,
    attempt       integer        NOT NULL,
    -- Every worker sequence stored for this attempt: usually one range [0, highest + 1).
    stored        int8multirange NOT NULL,
    -- The set before the last upsert: RETURNING shows only the new row in PostgreSQL 16, so the
    -- upsert copies the old set here for the insert to filter by.
    stored_before int8multirange NOT NULL DEFAULT '{}',
    PRIMARY KEY (run_id, step_key, attempt)
);

INSERT INTO event_ingest_attempts (run_id, step_key, attempt, stored)
SELECT run_id, step_key, attempt, range_agg(int8range(worker_sequence, worker_sequence + 1))
FROM event_logs
WHERE worker_sequence IS NOT NULL AND step_key IS NOT NULL
GROUP BY run_id, step_key, attempt;

ALTER TABLE event_logs DROP CONSTRAINT event_logs_ingest_key;
