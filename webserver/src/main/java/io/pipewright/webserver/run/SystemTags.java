package io.pipewright.webserver.run;

/**
 * The tags Pipewright sets on runs, with Dagster's keys (Dagster's {@code dagster/...} system
 * tags), so that tools filtering on them work unchanged.
 */
public final class SystemTags {

  /** The run this one re-executes. */
  public static final String PARENT_RUN_ID = "dagster/parent_run_id";

  /** The first run of a re-execution chain. */
  public static final String ROOT_RUN_ID = "dagster/root_run_id";

  /** Set to {@code true} on a re-execution from failure. */
  public static final String RESUME_RETRY = "dagster/is_resume_retry";

  /** The steps a run executes when not all, comma-separated. */
  public static final String STEP_SELECTION = "dagster/step_selection";

  /** The op selection of a run, comma-separated (Dagster kept the legacy name). */
  public static final String OP_SELECTION = "dagster/solid_selection";

  /**
   * The partition a run materializes: a launch tagged with it plans and runs that partition (how
   * Dagster's UI and clients launch a partitioned job through {@code launchRun}).
   */
  public static final String PARTITION = "dagster/partition";

  /** The backfill that launched a run. */
  public static final String BACKFILL = "dagster/backfill";

  /** Tags under this prefix are internal and hidden from the API (Dagster's rule). */
  public static final String HIDDEN_PREFIX = ".dagster/";

  private SystemTags() {}

  /**
   * Tells whether a parent run's tag is left out of its re-executions: lineage and retry markers
   * are set again for the new run.
   *
   * @param key the tag's key
   * @return true when the tag is not inherited
   */
  static boolean notInherited(String key) {
    return key.equals(PARENT_RUN_ID)
        || key.equals(ROOT_RUN_ID)
        || key.equals(RESUME_RETRY)
        || key.equals(STEP_SELECTION)
        || key.equals(BACKFILL);
  }
}
