package io.pipewright.sdk.schedule;

import java.util.Objects;

/**
 * A sensor: a function the daemon evaluates every {@link #minimumInterval()} that requests runs
 * when something has happened (Dagster's {@code SensorDefinition} and {@code @sensor}).
 *
 * <pre>{@code
 * SensorDefinition newFiles = SensorDefinition.builder("new_files", ctx -> {
 *       List<String> files = inbox.listAfter(ctx.cursor().orElse(""));
 *       return files.isEmpty()
 *           ? SensorResult.skip("no new files")
 *           : SensorResult.runs(files.stream().map(RunRequest::withKey).toList())
 *               .withCursor(files.get(files.size() - 1));
 *     })
 *     .job("ingest")
 *     .minimumInterval(Duration.ofMinutes(1))
 *     .build();
 * }</pre>
 *
 * <p>A sensor may have no target; its run requests must then name their job. It starts {@link
 * DefaultStatus#STOPPED} unless its default status says otherwise. The name, target and interval
 * are checked when the sensor is added to {@link io.pipewright.sdk.Definitions}.
 */
public final class SensorDefinition extends BaseSensorDefinition {
  private final SensorFunction evaluation;

  private SensorDefinition(Builder b) {
    super(b.attributes());
    this.evaluation = b.evaluation;
  }

  /**
   * Starts a sensor.
   *
   * @param name letters, digits and underscores, unique among the schedules and sensors
   * @param evaluation the evaluation function
   * @return a builder
   */
  public static Builder builder(String name, SensorFunction evaluation) {
    return new Builder(name, evaluation);
  }

  @Override
  public SensorType sensorType() {
    return SensorType.STANDARD;
  }

  /**
   * Returns the evaluation function.
   *
   * @return the function
   */
  public SensorFunction evaluation() {
    return evaluation;
  }

  @Override
  public String toString() {
    return "SensorDefinition[" + name() + ", " + attributes.target() + "]";
  }

  /** Builds a {@link SensorDefinition}. */
  public static final class Builder extends SensorBuilder<Builder> {
    private final SensorFunction evaluation;

    private Builder(String name, SensorFunction evaluation) {
      super(name);
      this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Builds the sensor.
     *
     * @return the sensor
     */
    public SensorDefinition build() {
      return new SensorDefinition(this);
    }
  }
}
