-- Pipewright's control-plane schema (docs/storage.md explains every choice).
-- Timestamps are timestamptz (UTC); ids the application chooses are varchar(255), names are text.
-- Bodies that Pipewright decodes but never queries are protobuf messages of the protocol module
-- (package io.pipewright.protocol.v1), whose compatibility rules already bind the wire format.

-- Runs ----------------------------------------------------------------------------------------
CREATE TABLE runs (
    -- The storage id: creation order, the cursor of newest-first paging.
    id                   bigserial    PRIMARY KEY,
    run_id               varchar(255) NOT NULL UNIQUE,
    job_name             text         NOT NULL,
    code_location        text         NOT NULL,
    status               varchar(32)  NOT NULL,
    partition_key        text,
    backfill_id          varchar(255),
    parent_run_id        varchar(255),
    root_run_id          varchar(255),
    plan_snapshot_id     varchar(255),
    job_snapshot_id      varchar(255),
    -- protocol v1 Json message: exact numbers, key order kept.
    run_config           bytea        NOT NULL,
    -- The run's tags as a JSON object, so that a page of runs is read in one query; run_tags
    -- below is their index for filtering, written in the same transaction.
    tags                 text         NOT NULL,
    -- JSON arrays of strings.
    op_selection         text         NOT NULL,
    asset_selection      text         NOT NULL,
    step_keys_to_execute text         NOT NULL,
    create_time          timestamptz  NOT NULL,
    update_time          timestamptz  NOT NULL,
    start_time           timestamptz,
    end_time             timestamptz
);
-- Filters arrive with a newest-first page: each index ends in id, so the page is an index scan.
CREATE INDEX runs_by_status ON runs (status, id);
CREATE INDEX runs_by_job ON runs (job_name, id);
CREATE INDEX runs_by_backfill ON runs (backfill_id, id) WHERE backfill_id IS NOT NULL;
CREATE INDEX runs_by_create_time ON runs (create_time);
CREATE INDEX runs_by_update_time ON runs (update_time);

-- One row per tag. Filters test each tag with EXISTS on the primary key (run, key) rather than
-- Dagster's join with GROUP BY/HAVING count (its issue #3726); rare tags start from (key, value).
CREATE TABLE run_tags (
    run_id varchar(255) NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    key    text         NOT NULL,
    value  text         NOT NULL,
    PRIMARY KEY (run_id, key)
);
CREATE INDEX run_tags_by_key_value ON run_tags (key, value);

-- Job and execution plan snapshots, content-addressed by their writers.
CREATE TABLE snapshots (
    snapshot_id varchar(255) PRIMARY KEY,
    kind        varchar(32)  NOT NULL,
    body        bytea        NOT NULL,
    create_time timestamptz  NOT NULL DEFAULT now()
);

-- Event log ------------------------------------------------------------------------------------
CREATE TABLE event_logs (
    -- The storage id: the cursor of logsForRun and of subscriptions. Appends take a transaction
    -- lock, so ids are committed in increasing order and a reader never skips a late commit.
    id              bigserial    PRIMARY KEY,
    run_id          varchar(255) NOT NULL,
    step_key        text,
    attempt         integer      NOT NULL,
    -- The step worker's sequence within its attempt; null for events the hosts append.
    worker_sequence bigint,
    -- DagsterEventType.value(), as Dagster persists it (PIPELINE_START for RUN_START).
    event_type      varchar(63)  NOT NULL,
    timestamp       timestamptz  NOT NULL,
    -- The asset (its user string, a/b) and partition of asset events; null otherwise, and null
    -- once the asset is wiped (the run's log keeps the event).
    asset_key       text COLLATE "C",
    partition       text,
    -- protocol v1 Event message: sequence, timestamp, type, level, message and typed payload.
    body            bytea        NOT NULL,
    -- Idempotent ingest: a resent batch conflicts here and is skipped (NULLs never conflict, so
    -- host appends are not de-duplicated).
    CONSTRAINT event_logs_ingest_key UNIQUE (run_id, step_key, attempt, worker_sequence)
);
CREATE INDEX event_logs_by_run ON event_logs (run_id, id);
CREATE INDEX event_logs_by_type ON event_logs (event_type, id);
CREATE INDEX event_logs_by_asset ON event_logs (asset_key, event_type, id)
    WHERE asset_key IS NOT NULL;
CREATE INDEX event_logs_by_asset_partition ON event_logs (asset_key, event_type, partition, id)
    WHERE asset_key IS NOT NULL AND partition IS NOT NULL;
-- Retention deletes by time; Dagster had no such index (its issues #19390, #6633).
CREATE INDEX event_logs_by_timestamp ON event_logs (timestamp);

-- The asset index, kept in the transaction that stores the events.
CREATE TABLE asset_keys (
    asset_key                     text COLLATE "C" PRIMARY KEY,
    last_materialization_event_id bigint,
    last_materialization_run_id   varchar(255),
    last_materialization_time     timestamptz,
    last_observation_event_id     bigint,
    last_observation_time         timestamptz,
    create_time                   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE asset_check_executions (
    id                  bigserial    PRIMARY KEY,
    asset_key           text COLLATE "C" NOT NULL,
    check_name          text         NOT NULL,
    partition           text,
    run_id              varchar(255) NOT NULL,
    status              varchar(32)  NOT NULL,
    evaluation_event_id bigint       NOT NULL,
    evaluation_time     timestamptz  NOT NULL
);
CREATE INDEX asset_check_executions_by_check
    ON asset_check_executions (asset_key, check_name, evaluation_event_id);
CREATE INDEX asset_check_executions_by_run ON asset_check_executions (run_id);

-- Schedules and sensors ------------------------------------------------------------------------
CREATE TABLE instigators (
    code_location  text        NOT NULL,
    name           text        NOT NULL,
    type           varchar(16) NOT NULL,
    status         varchar(32) NOT NULL,
    cursor         text,
    last_tick_time timestamptz,
    last_run_key   text,
    update_time    timestamptz NOT NULL,
    PRIMARY KEY (code_location, name)
);

CREATE TABLE ticks (
    id               bigserial   PRIMARY KEY,
    code_location    text        NOT NULL,
    name             text        NOT NULL,
    type             varchar(16) NOT NULL,
    status           varchar(16) NOT NULL,
    timestamp        timestamptz NOT NULL,
    -- A schedule's cron time; null for sensors. Unique per schedule: a cron time fires once.
    scheduled_time   timestamptz,
    end_time         timestamptz,
    -- JSON arrays of strings.
    reserved_run_ids text        NOT NULL,
    run_ids          text        NOT NULL,
    run_keys         text        NOT NULL,
    skip_reason      text,
    -- protocol v1 Error message.
    error            bytea,
    cursor           text,
    CONSTRAINT ticks_once_per_scheduled_time UNIQUE (code_location, name, scheduled_time)
);
CREATE INDEX ticks_by_instigator ON ticks (code_location, name, timestamp, id);
CREATE INDEX ticks_by_timestamp ON ticks (timestamp);

-- Backfills (bulk actions) --------------------------------------------------------------------
CREATE TABLE bulk_actions (
    id              bigserial    PRIMARY KEY,
    backfill_id     varchar(255) NOT NULL UNIQUE,
    status          varchar(32)  NOT NULL,
    code_location   text         NOT NULL,
    job_name        text,
    -- JSON array of asset keys' user strings; JSON object of tags.
    asset_selection text         NOT NULL,
    tags            text         NOT NULL,
    from_failure    boolean      NOT NULL,
    -- protocol v1 Error message.
    error           bytea,
    create_time     timestamptz  NOT NULL,
    end_time        timestamptz
);
CREATE INDEX bulk_actions_by_status ON bulk_actions (status, id);

-- One row per partition, so that progress updates touch only the partitions that changed.
CREATE TABLE bulk_action_partitions (
    backfill_id   varchar(255) NOT NULL REFERENCES bulk_actions (backfill_id) ON DELETE CASCADE,
    ordinal       integer      NOT NULL,
    partition_key text         NOT NULL,
    status        varchar(16)  NOT NULL,
    run_id        varchar(255),
    PRIMARY KEY (backfill_id, ordinal),
    UNIQUE (backfill_id, partition_key)
);

-- Op concurrency pools -----------------------------------------------------------------------
CREATE TABLE concurrency_limits (
    pool        text        PRIMARY KEY,
    slot_limit  integer     NOT NULL CHECK (slot_limit >= 0),
    update_time timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE concurrency_slots (
    id         bigserial    PRIMARY KEY,
    pool       text         NOT NULL,
    run_id     varchar(255) NOT NULL,
    step_key   text         NOT NULL,
    claim_time timestamptz  NOT NULL,
    UNIQUE (pool, run_id, step_key)
);
CREATE INDEX concurrency_slots_by_run ON concurrency_slots (run_id, step_key);

CREATE TABLE pending_steps (
    -- Arrival order: the tie-break after priority and enqueue time.
    id           bigserial    PRIMARY KEY,
    pool         text         NOT NULL,
    run_id       varchar(255) NOT NULL,
    step_key     text         NOT NULL,
    priority     integer      NOT NULL,
    enqueue_time timestamptz  NOT NULL,
    UNIQUE (pool, run_id, step_key)
);
CREATE INDEX pending_steps_by_run ON pending_steps (run_id, step_key);

-- Instance -------------------------------------------------------------------------------------
CREATE TABLE daemon_heartbeats (
    daemon_type varchar(63)  PRIMARY KEY,
    daemon_id   varchar(255) NOT NULL,
    timestamp   timestamptz  NOT NULL,
    -- protocol v1 Error messages, each length-delimited.
    errors      bytea        NOT NULL
);

CREATE TABLE kvs (
    key   text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE dynamic_partitions (
    id            bigserial PRIMARY KEY,
    definition    text      NOT NULL,
    partition_key text      NOT NULL,
    create_time   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (definition, partition_key)
);
