-- Cheaper ingest (issue 5): every event row updates every index of event_logs, and ingest is the
-- hottest write path. Two indexes were paying for queries that need far less.
-- (Version 2.7, not 3, so that a V3 added meanwhile on another branch does not collide.)

-- Retention deletes by time. Rows are appended in time order, so a BRIN index (one summary per
-- 128 pages) finds the old ones at a tiny fraction of a b-tree's insert cost and size.
DROP INDEX event_logs_by_timestamp;
CREATE INDEX event_logs_by_timestamp ON event_logs USING brin (timestamp);

-- Queries by type alone (no asset key, no run) are the run-status sensors' (PIPELINE_SUCCESS and
-- the like): only the run's own status events are indexed by type, not the step and log events
-- that make most of the table. PostgresEventLog.query writes these types as literals, so that the
-- planner can prove the index's predicate; other types without an asset or run scan by id.
DROP INDEX event_logs_by_type;
CREATE INDEX event_logs_by_run_event_type ON event_logs (event_type, id)
    WHERE event_type IN ('PIPELINE_ENQUEUED', 'PIPELINE_DEQUEUED', 'PIPELINE_STARTING',
                         'PIPELINE_START', 'PIPELINE_SUCCESS', 'PIPELINE_FAILURE',
                         'PIPELINE_CANCELING', 'PIPELINE_CANCELED');
