package io.pipewright.sdk.execution;

import io.pipewright.sdk.DefinitionError;
import io.pipewright.sdk.DefinitionsException;
import io.pipewright.sdk.ExecutorConfig;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.config.ConfigError;
import io.pipewright.sdk.config.ConfigType;
import io.pipewright.sdk.config.ConfigValidator;
import io.pipewright.sdk.config.EnvLookup;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.event.ErrorInfo;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.LogLevel;
import io.pipewright.sdk.event.RunEvent;
import io.pipewright.sdk.event.RunFailureData;
import io.pipewright.sdk.internal.asset.AssetLayer;
import io.pipewright.sdk.internal.definition.JobConfigSchema;
import io.pipewright.sdk.internal.definition.JobValidator;
import io.pipewright.sdk.internal.engine.Coordinator;
import io.pipewright.sdk.internal.engine.EventEmitter;
import io.pipewright.sdk.internal.engine.InputResolver;
import io.pipewright.sdk.internal.engine.Resources;
import io.pipewright.sdk.internal.engine.RunExecutor;
import io.pipewright.sdk.internal.engine.RunSetup;
import io.pipewright.sdk.internal.engine.StepRunner;
import io.pipewright.sdk.internal.plan.ExecutionPlan;
import io.pipewright.sdk.internal.plan.GraphFlattener;
import io.pipewright.sdk.internal.plan.OpNode;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.resource.ResourceDefinition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Runs a job inside this JVM with the real engine (Dagster's {@code execute_in_process}).
 *
 * <pre>{@code
 * ExecutionResult result = JobExecution.of(defs.job("etl"))
 *     .runConfig(RunConfig.builder().opConfig("extract", new ExtractConfig(100)).build())
 *     .listener(event -> System.out.println(EventFormatter.format(event)))
 *     .execute();
 * }</pre>
 *
 * <p>Problems are reported before anything runs: invalid definitions as {@link
 * DefinitionsException}, invalid run config as {@link RunConfigException}, each with every problem
 * found. A step that fails does not throw: the result says which steps failed and why. Outputs go
 * to the IO manager bound to {@code io_manager}; when the job binds none, an in-memory one is used,
 * so that {@link ExecutionResult#outputFor} can read them back.
 */
public final class JobExecution {
  /** Dagster's tag naming the run a re-execution comes from. */
  public static final String PARENT_RUN_TAG = "dagster/parent_run_id";

  private final JobDefinition job;
  private RunConfig runConfig = RunConfig.empty();
  private String runId;
  private final Map<String, String> tags = new LinkedHashMap<>();
  private final Map<String, ResourceDefinition<?>> resourceOverrides = new LinkedHashMap<>();
  private List<String> opSelection;
  private List<String> partitionKeys = List.of();
  private List<String> partitionRange;
  private String parentRunId;
  private List<String> reexecuted;
  private ExecutorConfig executor;
  private Clock clock = Clock.systemUTC();
  private Sleeper sleeper = Sleeper.SYSTEM;
  private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
  private EnvLookup env = EnvLookup.system();
  private final List<Consumer<RunEvent>> listeners = new ArrayList<>();

  private JobExecution(JobDefinition job) {
    this.job = job;
  }

  /**
   * Prepares a run that materializes a selection of assets (and their checks), Dagster's {@code
   * materialize}.
   *
   * @param defs the definitions holding the assets
   * @param selection the assets, in Dagster's selection syntax ({@code "group:sales"}, {@code "*"})
   * @return the execution, to configure and {@link #execute()}
   */
  public static JobExecution materialize(io.pipewright.sdk.Definitions defs, String selection) {
    return of(defs.assetJob(io.pipewright.sdk.asset.AssetSelection.parse(selection)));
  }

  /**
   * Prepares a run of a job.
   *
   * @param job the job
   * @return the execution, to configure and {@link #execute()}
   */
  public static JobExecution of(JobDefinition job) {
    return new JobExecution(job);
  }

  /**
   * Sets the run config, merged on top of the job's default config.
   *
   * @param config the run config
   * @return this execution
   */
  public JobExecution runConfig(RunConfig config) {
    this.runConfig = config;
    return this;
  }

  /**
   * Sets the run id (default: a random UUID).
   *
   * @param id the run id
   * @return this execution
   */
  public JobExecution runId(String id) {
    this.runId = id;
    return this;
  }

  /**
   * Adds a run tag, on top of the job's tags.
   *
   * @param key the key
   * @param value the value
   * @return this execution
   */
  public JobExecution tag(String key, String value) {
    tags.put(key, value);
    return this;
  }

  /**
   * Replaces a resource for this run only, such as a fake client in a test.
   *
   * @param key the key
   * @param resource the resource
   * @return this execution
   */
  public JobExecution resource(String key, ResourceDefinition<?> resource) {
    resourceOverrides.put(key, resource);
    return this;
  }

  /**
   * Runs only part of the job, on top of the job's own selection.
   *
   * @param clauses op selection clauses
   * @return this execution
   */
  public JobExecution opSelection(String... clauses) {
    this.opSelection = List.of(clauses);
    return this;
  }

  /**
   * Runs one partition of a partitioned asset job.
   *
   * @param key the partition key
   * @return this execution
   */
  public JobExecution partitionKey(String key) {
    this.partitionKeys = List.of(key);
    return this;
  }

  /**
   * Runs several partitions of a partitioned asset job in one run (a range, in order): asset ops
   * receive and return a map from partition key to value.
   *
   * @param keys the partition keys
   * @return this execution
   */
  public JobExecution partitionKeys(List<String> keys) {
    this.partitionKeys = List.copyOf(keys);
    return this;
  }

  /**
   * Runs a range of partitions in one run (Dagster's single-run backfill).
   *
   * @param start the first partition key
   * @param end the last partition key
   * @return this execution
   */
  public JobExecution partitionRange(String start, String end) {
    this.partitionRange = List.of(start, end);
    return this;
  }

  /**
   * Re-executes chosen steps of an earlier run of this job (Dagster's re-execution): only those
   * steps run; inputs from other steps are loaded from the parent run's stored outputs, so the
   * parent must have used a persistent IO manager (the filesystem one), not the in-memory one.
   *
   * @param parentRun the earlier run's id
   * @param opHandles the steps to run, by op handle ({@code etl.clean}); dynamic steps re-run with
   *     their fan-out
   * @return this execution
   */
  public JobExecution reexecute(String parentRun, String... opHandles) {
    this.parentRunId = parentRun;
    this.reexecuted = List.of(opHandles);
    return this;
  }

  /**
   * Re-executes every step of an earlier run that did not succeed (Dagster's {@code FROM_FAILURE}).
   *
   * @param parent the earlier run's result
   * @return this execution
   */
  public JobExecution reexecuteFromFailure(ExecutionResult parent) {
    java.util.Set<String> succeeded = new java.util.HashSet<>();
    for (String key : parent.stepKeysWith(EventType.STEP_SUCCESS)) {
      succeeded.add(key);
    }
    java.util.Set<String> handles = new java.util.LinkedHashSet<>();
    for (String key : parent.plannedStepKeys()) {
      if (!succeeded.contains(key)) {
        int bracket = key.indexOf('[');
        handles.add(bracket < 0 ? key : key.substring(0, bracket));
      }
    }
    return reexecute(parent.runId(), handles.toArray(String[]::new));
  }

  /**
   * Overrides the job's executor.
   *
   * @param config the executor
   * @return this execution
   */
  public JobExecution executor(ExecutorConfig config) {
    this.executor = config;
    return this;
  }

  /**
   * Sets the clock events are stamped with (default: the system UTC clock).
   *
   * @param newClock the clock
   * @return this execution
   */
  public JobExecution clock(Clock newClock) {
    this.clock = newClock;
    return this;
  }

  /**
   * Sets how retries wait (default: {@link Sleeper#SYSTEM}).
   *
   * @param newSleeper the sleeper
   * @return this execution
   */
  public JobExecution sleeper(Sleeper newSleeper) {
    this.sleeper = newSleeper;
    return this;
  }

  /**
   * Sets the source of randomness for retry jitter (uniform doubles in [0, 1)).
   *
   * @param newRandom the source
   * @return this execution
   */
  public JobExecution random(DoubleSupplier newRandom) {
    this.random = newRandom;
    return this;
  }

  /**
   * Sets where {@code {"env": "NAME"}} config values are read (default: the process environment).
   *
   * @param lookup the lookup
   * @return this execution
   */
  public JobExecution env(EnvLookup lookup) {
    this.env = lookup;
    return this;
  }

  /**
   * Adds a listener that sees each event as it is emitted, in order.
   *
   * @param listener the listener
   * @return this execution
   */
  public JobExecution listener(Consumer<RunEvent> listener) {
    listeners.add(listener);
    return this;
  }

  /**
   * Runs the job.
   *
   * @return the result, successful or not
   * @throws DefinitionsException when the job is invalid
   * @throws RunConfigException when the run config is invalid
   * @throws IllegalArgumentException when the op selection is invalid
   */
  public ExecutionResult execute() {
    JobDefinition bound = bind();
    List<DefinitionError> problems = JobValidator.validate(bound);
    if (!problems.isEmpty()) {
      throw new DefinitionsException(problems);
    }
    List<OpNode> ops = GraphFlattener.flatten(bound.graph());
    Set<String> selected = RunSetup.select(bound, ops, opSelection);
    if (reexecuted != null) {
      selected = RunSetup.reexecutionSelection(job.name(), ops, selected, reexecuted);
    }
    AssetLayer layer = bound.assetLayer().orElse(null);
    if (layer != null && partitionRange != null) {
      partitionKeys = layer.expandRange(partitionRange.get(0), partitionRange.get(1));
    }
    if (layer != null) {
      layer.checkRunPartitions(partitionKeys);
    } else if (!partitionKeys.isEmpty()) {
      throw new IllegalArgumentException(
          "Job '" + bound.name() + "' is not partitioned; run it without a partition key.");
    }
    RunConfig merged =
        layer == null
            ? bound.defaultConfig().merge(runConfig)
            : bound.defaultConfig().merge(layer.runConfigFor(partitionKeys)).merge(runConfig);
    merged = RunSetup.pruneForSelection(merged, bound, selected);
    ConfigType schema = JobConfigSchema.of(bound, selected);
    List<ConfigError> errors = ConfigValidator.validate(schema, merged.asMap(), "");
    if (!errors.isEmpty()) {
      throw new RunConfigException(bound.name(), errors);
    }
    ExecutionPlan plan = ExecutionPlan.of(ops, selected, parentRunId != null);

    String id = runId != null ? runId : UUID.randomUUID().toString();
    Map<String, String> runTags = new LinkedHashMap<>(bound.tags());
    if (layer != null) {
      runTags.putAll(layer.tagsFor(partitionKeys));
    }
    if (parentRunId != null) {
      runTags.put(PARENT_RUN_TAG, parentRunId);
    }
    runTags.putAll(tags);
    List<Consumer<RunEvent>> sinks = List.copyOf(listeners);
    EventEmitter emitter =
        new EventEmitter(
            id,
            bound.name(),
            clock,
            event -> {
              for (Consumer<RunEvent> sink : sinks) {
                sink.accept(event);
              }
            });
    Resources resources =
        new Resources(bound.resources(), RunSetup.resourceConfigs(merged), env, emitter);
    Coordinator coordinator =
        new Coordinator(
            new InputResolver(
                plan,
                id,
                bound.name(),
                merged,
                runTags,
                bound.hooks(),
                bound.opRetryPolicy().orElse(null),
                layer,
                partitionKeys,
                parentRunId),
            emitter);
    StepRunner runner = new StepRunner(resources, emitter, env, random);
    emitter.info(
        EventType.RUN_START, null, "Started execution of run for \"" + bound.name() + "\".", null);
    if (layer != null) {
      RunSetup.planned(emitter, layer, plan, partitionKeys);
    }
    ErrorInfo engineError = null;
    try {
      new RunExecutor(coordinator, runner, sleeper, RunSetup.maxConcurrent(bound, merged, executor))
          .execute();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      engineError = ErrorInfo.from(e);
    } catch (RuntimeException e) {
      engineError = ErrorInfo.from(e);
    } finally {
      resources.closeRun();
    }
    List<String> failed = coordinator.failedSteps();
    boolean success = failed.isEmpty() && engineError == null;
    if (success) {
      emitter.info(
          EventType.RUN_SUCCESS,
          null,
          "Finished execution of run for \"" + bound.name() + "\".",
          null);
    } else {
      String reason =
          engineError != null
              ? "the engine stopped: " + engineError.message()
              : "Steps failed: " + RunSetup.quoted(failed) + ".";
      emitter.emit(
          EventType.RUN_FAILURE,
          LogLevel.ERROR,
          null,
          "Execution of run for \"" + bound.name() + "\" failed. " + reason,
          new RunFailureData(reason, failed, engineError));
    }
    return new ExecutionResult(id, bound, plan, success, emitter.events(), resources, merged, env)
        .withTags(runTags);
  }

  private JobDefinition bind() {
    JobDefinition.Builder b = job.toBuilder();
    for (Map.Entry<String, ResourceDefinition<?>> e : resourceOverrides.entrySet()) {
      b.resource(e.getKey(), e.getValue());
    }
    Set<String> unconfigured = new java.util.HashSet<>();
    resourceOverrides.forEach(
        (key, resource) -> {
          if (resource.configType().isEmpty()) {
            unconfigured.add(key);
          }
        });
    if (!unconfigured.isEmpty()) {
      // A replacement that takes no config (a fake in a test) must not be handed the original's.
      b.config(RunSetup.withoutResourceConfig(job.defaultConfig(), unconfigured));
    }
    if (!job.resources().containsKey(Out.DEFAULT_IO_MANAGER_KEY)
        && !resourceOverrides.containsKey(Out.DEFAULT_IO_MANAGER_KEY)) {
      b.resource(Out.DEFAULT_IO_MANAGER_KEY, IOManagers.inMemory());
    }
    return b.build();
  }
}
