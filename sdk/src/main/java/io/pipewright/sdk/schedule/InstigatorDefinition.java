package io.pipewright.sdk.schedule;

import io.pipewright.sdk.asset.AssetSelection;
import java.util.Optional;

/**
 * A source of run requests: a schedule or a sensor (Dagster's instigators). Schedules and sensors
 * of one code location share a namespace: no two may have the same name.
 *
 * <p>The target is what a run request launches when it names neither a job nor assets: a job
 * ({@link #jobName()}) or a selection of assets ({@link #assetSelection()}), at most one of them.
 * Schedules need a target; sensors may have none, and then every run request they make must name
 * its job.
 */
public sealed interface InstigatorDefinition permits ScheduleDefinition, AnySensorDefinition {

  /**
   * Returns the name, unique among the schedules and sensors of a code location.
   *
   * @return letters, digits and underscores
   */
  String name();

  /**
   * Returns the description shown in the UI.
   *
   * @return the description, or {@code null}
   */
  String description();

  /**
   * Returns whether it runs before anyone starts or stops it.
   *
   * @return the default status; {@link DefaultStatus#STOPPED} unless set
   */
  DefaultStatus defaultStatus();

  /**
   * Returns the job that run requests launch when they name no job.
   *
   * @return the job's name; empty when the target is an asset selection or there is none
   */
  Optional<String> jobName();

  /**
   * Returns the assets that run requests materialize when they name no job or assets.
   *
   * @return the selection; empty when the target is a job or there is none
   */
  Optional<AssetSelection> assetSelection();
}
