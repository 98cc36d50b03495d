package io.pipewright.sdk.testing;

import io.pipewright.sdk.internal.schedule.SensorEvaluator;
import io.pipewright.sdk.internal.schedule.SensorTick;
import io.pipewright.sdk.partition.DynamicPartitionsStore;
import io.pipewright.sdk.partition.InMemoryDynamicPartitionsStore;
import io.pipewright.sdk.schedule.AnySensorDefinition;
import io.pipewright.sdk.schedule.AssetSensorDefinition;
import io.pipewright.sdk.schedule.DynamicPartitionsRequest;
import io.pipewright.sdk.schedule.MaterializationEvent;
import io.pipewright.sdk.schedule.MultiAssetSensorDefinition;
import io.pipewright.sdk.schedule.RunStatusEvent;
import io.pipewright.sdk.schedule.RunStatusSensorDefinition;
import io.pipewright.sdk.schedule.SensorDefinition;
import io.pipewright.sdk.schedule.SensorEvaluation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates sensors as the code location does for the daemon, with a test clock and a given cursor.
 * User errors come back in the {@link SensorEvaluation}, never as exceptions.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at(Instant.parse("2024-05-01T12:00:00Z"));
 * SensorEvaluation first = SensorTester.evaluate(newFiles, clock, null);
 * SensorEvaluation next = SensorTester.evaluate(newFiles, clock, first.cursor().orElse(null));
 *
 * // With the previous tick's time, last run key and resources:
 * SensorTester.tick(clock).cursor("41").lastTickTime(t).resource("api", fakeApi).evaluate(newFiles);
 *
 * // Several ticks in a row, carrying the cursor and honouring the minimum interval:
 * SensorTester.Session session = SensorTester.session(ordersSensor, clock);
 * session.materialized(event);
 * session.tick();
 * }</pre>
 */
public final class SensorTester {
  private SensorTester() {}

  /**
   * Evaluates a sensor once.
   *
   * @param sensor the sensor
   * @param clock the clock behind the context's {@code now()}
   * @param cursor the stored cursor, or null for the first tick
   * @return the evaluation
   */
  public static SensorEvaluation evaluate(SensorDefinition sensor, TestClock clock, String cursor) {
    return tick(clock).cursor(cursor).evaluate(sensor);
  }

  /**
   * Evaluates an asset sensor once.
   *
   * @param sensor the sensor
   * @param clock the clock behind the context's {@code now()}
   * @param cursor the stored cursor (an event id), or null
   * @param materializations the materializations the daemon found after the cursor
   * @return the evaluation
   */
  public static SensorEvaluation evaluate(
      AssetSensorDefinition sensor,
      TestClock clock,
      String cursor,
      List<MaterializationEvent> materializations) {
    return tick(clock).cursor(cursor).evaluate(sensor, materializations);
  }

  /**
   * Evaluates a multi-asset sensor once.
   *
   * @param sensor the sensor
   * @param clock the clock behind the context's {@code now()}
   * @param cursor the stored JSON cursor, or null
   * @param materializations the materializations the daemon found after the cursors
   * @return the evaluation
   */
  public static SensorEvaluation evaluate(
      MultiAssetSensorDefinition sensor,
      TestClock clock,
      String cursor,
      List<MaterializationEvent> materializations) {
    return tick(clock).cursor(cursor).evaluate(sensor, materializations);
  }

  /**
   * Evaluates a run-status sensor once. Without a cursor, the sensor only initializes it.
   *
   * @param sensor the sensor
   * @param clock the clock behind the context's {@code now()}
   * @param cursor the stored cursor (an event id), or null
   * @param runStatusEvents the run-status events the daemon found after the cursor
   * @return the evaluation
   */
  public static SensorEvaluation evaluate(
      RunStatusSensorDefinition sensor,
      TestClock clock,
      String cursor,
      List<RunStatusEvent> runStatusEvents) {
    return tick(clock).cursor(cursor).evaluate(sensor, runStatusEvents);
  }

  /**
   * Returns whether the daemon would evaluate a sensor now: it never ticked, or its minimum
   * interval has passed since its last tick.
   *
   * @param sensor the sensor
   * @param lastTickTime when its last tick started, or null if it never ticked
   * @param clock the current time
   * @return whether it is due
   */
  public static boolean isDue(AnySensorDefinition sensor, Instant lastTickTime, TestClock clock) {
    return SensorEvaluator.isDue(lastTickTime, clock.instant(), sensor.minimumInterval());
  }

  /**
   * Starts describing one tick, for evaluations that need more than a cursor.
   *
   * @param clock the clock behind the context's {@code now()}
   * @return the tick
   */
  public static Tick tick(TestClock clock) {
    return new Tick(Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Starts a run of consecutive ticks of one sensor, as the daemon makes them.
   *
   * @param sensor the sensor
   * @param clock the clock; advance it between ticks
   * @return the session
   */
  public static Session session(AnySensorDefinition sensor, TestClock clock) {
    return new Session(Objects.requireNonNull(sensor, "sensor"), Objects.requireNonNull(clock));
  }

  /** The state the daemon passes for one tick; every part is optional. */
  public static final class Tick {
    private final TestClock clock;
    private String cursor;
    private Instant lastTickTime;
    private String lastRunKey;
    private final Map<String, Object> resources = new LinkedHashMap<>();
    private DynamicPartitionsStore dynamicPartitions = new InMemoryDynamicPartitionsStore();

    private Tick(TestClock clock) {
      this.clock = clock;
    }

    /**
     * Sets the stored cursor.
     *
     * @param value the cursor, or null for none
     * @return this tick
     */
    public Tick cursor(String value) {
      this.cursor = value;
      return this;
    }

    /**
     * Sets when the previous tick started.
     *
     * @param time the time, or null
     * @return this tick
     */
    public Tick lastTickTime(Instant time) {
      this.lastTickTime = time;
      return this;
    }

    /**
     * Sets the last run key the sensor requested.
     *
     * @param runKey the run key, or null
     * @return this tick
     */
    public Tick lastRunKey(String runKey) {
      this.lastRunKey = runKey;
      return this;
    }

    /**
     * Adds a resource.
     *
     * @param key the resource key
     * @param resource the resource
     * @return this tick
     */
    public Tick resource(String key, Object resource) {
      resources.put(key, resource);
      return this;
    }

    /**
     * Sets the dynamic partitions store (default: an empty in-memory store).
     *
     * @param store the store
     * @return this tick
     */
    public Tick dynamicPartitions(DynamicPartitionsStore store) {
      this.dynamicPartitions = Objects.requireNonNull(store, "store");
      return this;
    }

    private SensorTick state() {
      return new SensorTick(cursor, lastTickTime, lastRunKey, clock, resources, dynamicPartitions);
    }

    /**
     * Evaluates a sensor at this tick.
     *
     * @param sensor the sensor
     * @return the evaluation
     */
    public SensorEvaluation evaluate(SensorDefinition sensor) {
      return SensorEvaluator.evaluate(sensor, state());
    }

    /**
     * Evaluates an asset sensor at this tick.
     *
     * @param sensor the sensor
     * @param materializations the materializations after the cursor
     * @return the evaluation
     */
    public SensorEvaluation evaluate(
        AssetSensorDefinition sensor, List<MaterializationEvent> materializations) {
      return SensorEvaluator.evaluate(sensor, state(), materializations);
    }

    /**
     * Evaluates a multi-asset sensor at this tick.
     *
     * @param sensor the sensor
     * @param materializations the materializations after the cursors
     * @return the evaluation
     */
    public SensorEvaluation evaluate(
        MultiAssetSensorDefinition sensor, List<MaterializationEvent> materializations) {
      return SensorEvaluator.evaluate(sensor, state(), materializations);
    }

    /**
     * Evaluates a run-status sensor at this tick.
     *
     * @param sensor the sensor
     * @param runStatusEvents the run-status events after the cursor
     * @return the evaluation
     */
    public SensorEvaluation evaluate(
        RunStatusSensorDefinition sensor, List<RunStatusEvent> runStatusEvents) {
      return SensorEvaluator.evaluate(sensor, state(), runStatusEvents);
    }
  }

  /**
   * Consecutive ticks of one sensor, with the daemon's bookkeeping: a tick happens only when the
   * sensor is due, a completed tick stores its cursor and last run key, a failed one keeps them,
   * and dynamic partition requests are applied to the session's store. Events are appended to an
   * event log; each tick is given all of them and the sensor picks those after its cursor.
   */
  public static final class Session {
    private final AnySensorDefinition sensor;
    private final TestClock clock;
    private final List<MaterializationEvent> materializations = new ArrayList<>();
    private final List<RunStatusEvent> runStatusEvents = new ArrayList<>();
    private final InMemoryDynamicPartitionsStore dynamicPartitions =
        new InMemoryDynamicPartitionsStore();
    private final Map<String, Object> resources = new LinkedHashMap<>();
    private String cursor;
    private Instant lastTickTime;
    private String lastRunKey;

    private Session(AnySensorDefinition sensor, TestClock clock) {
      this.sensor = sensor;
      this.clock = clock;
    }

    /**
     * Adds a resource given to every tick.
     *
     * @param key the resource key
     * @param resource the resource
     * @return this session
     */
    public Session resource(String key, Object resource) {
      resources.put(key, resource);
      return this;
    }

    /**
     * Sets the cursor, as a person resetting the sensor would.
     *
     * @param value the cursor, or null
     * @return this session
     */
    public Session cursor(String value) {
      this.cursor = value;
      return this;
    }

    /**
     * Appends materializations to the event log.
     *
     * @param events the events
     * @return this session
     */
    public Session materialized(MaterializationEvent... events) {
      materializations.addAll(List.of(events));
      return this;
    }

    /**
     * Appends run-status events to the event log.
     *
     * @param events the events
     * @return this session
     */
    public Session runEnded(RunStatusEvent... events) {
      runStatusEvents.addAll(List.of(events));
      return this;
    }

    /**
     * Evaluates the sensor if it is due at the clock's current time.
     *
     * @return the evaluation; empty when the minimum interval has not passed since the last tick
     */
    public Optional<SensorEvaluation> tick() {
      Instant now = clock.instant();
      if (!SensorEvaluator.isDue(lastTickTime, now, sensor.minimumInterval())) {
        return Optional.empty();
      }
      SensorTick state =
          new SensorTick(cursor, lastTickTime, lastRunKey, clock, resources, dynamicPartitions);
      SensorEvaluation evaluation =
          SensorEvaluator.evaluate(sensor, state, materializations, runStatusEvents);
      lastTickTime = now;
      if (!evaluation.isFailure()) {
        cursor = evaluation.cursor().orElse(null);
        evaluation.lastRunKey().ifPresent(key -> lastRunKey = key);
        evaluation
            .dynamicPartitionsRequests()
            .forEach(
                request -> {
                  if (request.action() == DynamicPartitionsRequest.Action.ADD) {
                    dynamicPartitions.add(request.definitionName(), request.keys());
                  } else {
                    dynamicPartitions.delete(request.definitionName(), request.keys());
                  }
                });
      }
      return Optional.of(evaluation);
    }

    /**
     * Returns the stored cursor.
     *
     * @return the cursor after the last completed tick; empty when there is none
     */
    public Optional<String> cursor() {
      return Optional.ofNullable(cursor);
    }

    /**
     * Returns the stored last run key.
     *
     * @return the last run key requested; empty when none was
     */
    public Optional<String> lastRunKey() {
      return Optional.ofNullable(lastRunKey);
    }

    /**
     * Returns when the last tick started.
     *
     * @return the time; empty before the first tick
     */
    public Optional<Instant> lastTickTime() {
      return Optional.ofNullable(lastTickTime);
    }

    /**
     * Returns the dynamic partitions, with the ticks' requests applied.
     *
     * @return the store
     */
    public DynamicPartitionsStore dynamicPartitions() {
      return dynamicPartitions;
    }
  }
}
