package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.run.RunStatus;
import java.time.Duration;
import java.util.List;

/**
 * A sensor: a check-driven source of run requests, evaluated by the daemon at most once per {@link
 * #minimumInterval()}.
 *
 * @param name the sensor's name, unique in the location; non-blank
 * @param kind what it watches; not null
 * @param minimumInterval the least time between two evaluations; positive
 * @param defaultStatus whether it runs until stopped; not null
 * @param description what it does; may be null
 * @param targets what it may launch; empty when it only reports (some run-status sensors)
 * @param monitoredAssets for asset sensors, the assets it watches, in order
 * @param monitoredJobs for run-status sensors, the jobs it watches; empty for all jobs
 * @param monitoredRunStatus for run-status sensors, the status it reacts to; null otherwise
 */
public record SensorSnapshot(
    String name,
    Kind kind,
    Duration minimumInterval,
    DefaultStatus defaultStatus,
    String description,
    List<TargetSnapshot> targets,
    List<AssetKeySnapshot> monitoredAssets,
    List<String> monitoredJobs,
    RunStatus monitoredRunStatus) {

  /** What a sensor watches (Dagster's {@code SensorType}). */
  public enum Kind {
    /** Anything its own code checks. */
    STANDARD,
    /** New materializations of one asset. */
    ASSET,
    /** New materializations of several assets. */
    MULTI_ASSET,
    /** Runs reaching a status. */
    RUN_STATUS
  }

  /** Validates and copies the components. */
  public SensorSnapshot {
    Checks.requireNonBlank(name, "SensorSnapshot", "name");
    String record = "SensorSnapshot '" + name + "'";
    Checks.require(kind, record, "kind");
    Checks.require(minimumInterval, record, "minimumInterval");
    if (minimumInterval.isNegative() || minimumInterval.isZero()) {
      throw new IllegalArgumentException(
          record + " needs a positive minimumInterval, got " + minimumInterval);
    }
    Checks.require(defaultStatus, record, "defaultStatus");
    targets = Checks.list(targets, record, "targets");
    monitoredAssets = Checks.distinctList(monitoredAssets, record, "monitoredAssets");
    monitoredJobs = Checks.distinctList(monitoredJobs, record, "monitoredJobs");
    if ((kind == Kind.RUN_STATUS) != (monitoredRunStatus != null)) {
      throw new IllegalArgumentException(
          record
              + " is a "
              + kind
              + " sensor"
              + (kind == Kind.RUN_STATUS
                  ? " and needs the run status it reacts to"
                  : " and must not name a monitored run status; only RUN_STATUS sensors do"));
    }
  }
}
