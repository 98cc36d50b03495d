package io.pipewright.daemon.testing;

import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.codelocation.CodeLocationUnavailableException;
import io.pipewright.core.codelocation.ExecutionPlanRequest;
import io.pipewright.core.codelocation.ExecutionPlanResult;
import io.pipewright.core.codelocation.PartitionKeysRequest;
import io.pipewright.core.codelocation.PartitionRunConfigRequest;
import io.pipewright.core.codelocation.RunConfigValidationRequest;
import io.pipewright.core.codelocation.ScheduleEvaluationRequest;
import io.pipewright.core.codelocation.SensorEvaluationRequest;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.core.snapshot.ConfigSchemaSnapshot;
import io.pipewright.core.snapshot.ExecutorSnapshot;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.core.snapshot.PartitionRunConfig;
import io.pipewright.core.snapshot.RunRequestSnapshot;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import io.pipewright.core.snapshot.SensorSnapshot;
import io.pipewright.daemon.schedule.CodeLocations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-process code location for the scheduler's, sensors' and backfills' tests: schedules and
 * sensors whose evaluations are functions, jobs that plan into a one-step chain, and a switch that
 * makes it unreachable. It is its own {@link CodeLocations} too.
 */
public final class FakeCodeLocation implements CodeLocationClient, CodeLocations {

  public final String name;
  public final List<ScheduleSnapshot> schedules = new CopyOnWriteArrayList<>();
  public final List<SensorSnapshot> sensors = new CopyOnWriteArrayList<>();
  public final List<String> jobs = new CopyOnWriteArrayList<>(List.of("job"));
  public volatile Function<ScheduleEvaluationRequest, InstigatorEvaluation> schedule =
      r -> InstigatorEvaluation.runs(List.of(request(null)));
  public volatile Function<SensorEvaluationRequest, InstigatorEvaluation> sensor =
      r -> InstigatorEvaluation.skipped("nothing new");
  public volatile boolean unavailable;
  public volatile List<String> partitionKeys = List.of();
  public final Map<String, AtomicInteger> evaluations = new ConcurrentHashMap<>();
  public final List<SensorEvaluationRequest> sensorRequests = new CopyOnWriteArrayList<>();
  public final AtomicInteger plans = new AtomicInteger();

  public FakeCodeLocation(String name) {
    this.name = name;
  }

  /** A run request for the target's job. */
  public static RunRequestSnapshot request(String runKey) {
    return new RunRequestSnapshot(runKey, null, List.of(), Map.of(), Map.of(), null);
  }

  private void check() {
    if (unavailable) {
      throw new CodeLocationUnavailableException(name, "fake", "the fake server is down", null);
    }
  }

  static JobSnapshot job(String name) {
    return new JobSnapshot(
        name,
        null,
        Map.of("owner", "tests"),
        name,
        List.of(),
        new ConfigSchemaSnapshot.Any(),
        List.of(),
        new ExecutorSnapshot("IN_PROCESS", 1),
        Map.of(),
        List.of(),
        null,
        null);
  }

  @Override
  public CodeLocationSnapshot snapshot() {
    check();
    return build();
  }

  private CodeLocationSnapshot build() {
    List<JobSnapshot> jobSnapshots = new ArrayList<>();
    for (String job : jobs) {
      jobSnapshots.add(job(job));
    }
    return new CodeLocationSnapshot(
        name,
        "server-1",
        null,
        "hash",
        jobSnapshots,
        List.of(),
        List.of(),
        List.of(),
        List.copyOf(schedules),
        List.copyOf(sensors),
        List.of());
  }

  @Override
  public ExecutionPlanResult executionPlan(ExecutionPlanRequest request) {
    check();
    plans.incrementAndGet();
    return ExecutionPlanResult.planned(Plans.chain(request.jobName(), "only"));
  }

  @Override
  public List<ConfigErrorSnapshot> validateRunConfig(RunConfigValidationRequest request) {
    return List.of();
  }

  @Override
  public List<String> partitionKeys(PartitionKeysRequest request) {
    check();
    return partitionKeys;
  }

  @Override
  public PartitionRunConfig partitionRunConfig(PartitionRunConfigRequest request) {
    check();
    return PartitionRunConfig.of(
        request.partitionKey(), Map.of(), Map.of("dagster/partition", request.partitionKey()));
  }

  @Override
  public InstigatorEvaluation evaluateSchedule(ScheduleEvaluationRequest request) {
    check();
    evaluations.computeIfAbsent(request.scheduleName(), k -> new AtomicInteger()).incrementAndGet();
    return schedule.apply(request);
  }

  @Override
  public InstigatorEvaluation evaluateSensor(SensorEvaluationRequest request) {
    check();
    evaluations.computeIfAbsent(request.sensorName(), k -> new AtomicInteger()).incrementAndGet();
    sensorRequests.add(request);
    return sensor.apply(request);
  }

  @Override
  public String ping(String echo) {
    check();
    return echo;
  }

  @Override
  public String serverId() {
    check();
    return "server-" + schedules.size() + "-" + sensors.size() + "-" + jobs.size();
  }

  @Override
  public void shutdown() {}

  @Override
  public void close() {}

  // CodeLocations: this one location, always fresh.

  @Override
  public List<String> names() {
    return List.of(name);
  }

  @Override
  public Optional<CodeLocationSnapshot> snapshot(String location) {
    // Like the daemon's cache, the last snapshot stays known while the server is down.
    return location.equals(name) ? Optional.of(build()) : Optional.empty();
  }

  @Override
  public Optional<CodeLocationClient> client(String location) {
    return location.equals(name) ? Optional.of(this) : Optional.empty();
  }

  /** How often an instigator was evaluated. */
  public int evaluations(String instigator) {
    AtomicInteger count = evaluations.get(instigator);
    return count == null ? 0 : count.get();
  }

  /** The time of a schedule request, for functions. */
  public static Instant time(ScheduleEvaluationRequest request) {
    return request.scheduledTime();
  }
}
