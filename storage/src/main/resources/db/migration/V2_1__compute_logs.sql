-- Compute logs (what step attempts wrote to stdout and stderr) for hosts that keep them in
-- PostgreSQL (pipewright.compute-logs.store=postgres): one row per appended chunk, keyed by the
-- attempt, the stream and the chunk's byte offset in that stream, so that a read from an offset
-- is an index range scan and an append never rewrites earlier bytes.
-- Version 2.1, not 2: other migrations may be added as V2 in parallel branches.
CREATE TABLE compute_log_chunks (
    run_id      varchar(255) NOT NULL,
    step_key    text         NOT NULL,
    attempt     integer      NOT NULL,
    stream      varchar(8)   NOT NULL,  -- STDOUT or STDERR
    byte_offset bigint       NOT NULL,
    data        bytea        NOT NULL,
    created_at  timestamptz  NOT NULL,
    PRIMARY KEY (run_id, step_key, attempt, stream, byte_offset)
);

-- Retention deletes attempts whose last chunk is older than a cutoff.
CREATE INDEX compute_log_chunks_by_time ON compute_log_chunks (created_at);
