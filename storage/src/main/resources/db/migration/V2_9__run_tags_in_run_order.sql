-- Tag filters on the runs page (issue 5): a page of runs with a tag is read newest first, so the
-- tag's rows must come in the runs' order. run_tags gets the run's storage id (runs.id, the page
-- order and cursor) and an index (key, value, run_seq): a page starts from the tag's newest rows
-- and reads only its own runs, or, when another condition is rarer (a status), probes the same
-- index run by run. Before, a tag matching 1 run in 20 probed ~1,000 runs' tags for a page of 50,
-- and a tag on a few old runs scanned the whole table.
-- (Version 2.9, not 3, so that a V3 added meanwhile on another branch does not collide.)

ALTER TABLE run_tags ADD COLUMN run_seq bigint;
UPDATE run_tags t SET run_seq = r.id FROM runs r WHERE r.run_id = t.run_id;
ALTER TABLE run_tags ALTER COLUMN run_seq SET NOT NULL;

-- Every writer of run_tags names the run by run_id only; the run's id is filled in here, so that
-- no writer (Hibernate's entity, a bulk INSERT) can leave it out or get it wrong.
CREATE FUNCTION run_tags_fill_run_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT id INTO NEW.run_seq FROM runs WHERE run_id = NEW.run_id;
    IF NEW.run_seq IS NULL THEN
        RAISE foreign_key_violation USING MESSAGE = 'run_tags: no run ' || NEW.run_id;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER run_tags_fill_run_seq BEFORE INSERT OR UPDATE OF run_id ON run_tags
    FOR EACH ROW EXECUTE FUNCTION run_tags_fill_run_seq();

-- Supersedes (key, value): same prefix, for the tag listings.
CREATE INDEX run_tags_by_key_value_run ON run_tags (key, value, run_seq);
DROP INDEX run_tags_by_key_value;

-- Pages of runs are small, many and concurrent: parallel workers cost more to start (tens of
-- milliseconds on a busy machine, seen on the "STARTED and a tag" page) than they save.
ALTER TABLE runs SET (parallel_workers = 0);
ALTER TABLE run_tags SET (parallel_workers = 0);
