package io.pipewright.sdk.execution;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.config.EnvLookup;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.event.ErrorInfo;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.MaterializationData;
import io.pipewright.sdk.event.RunEvent;
import io.pipewright.sdk.event.StepFailureData;
import io.pipewright.sdk.event.StepOutputData;
import io.pipewright.sdk.internal.engine.EventEmitter;
import io.pipewright.sdk.internal.engine.OutputRef;
import io.pipewright.sdk.internal.engine.Resources;
import io.pipewright.sdk.internal.engine.StepResources;
import io.pipewright.sdk.internal.engine.StoredOutputs;
import io.pipewright.sdk.internal.plan.ExecutionPlan;
import io.pipewright.sdk.internal.plan.StepTemplate;
import io.pipewright.sdk.io.IOManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The outcome of an in-process run: whether it succeeded, its events, and its outputs. */
public final class ExecutionResult {
  private final String runId;
  private final JobDefinition job;
  private final ExecutionPlan plan;
  private final boolean success;
  private final List<RunEvent> events;
  private final Resources resources;
  private final RunConfig runConfig;
  private final EnvLookup env;
  private Map<String, String> tags = Map.of();

  ExecutionResult(
      String runId,
      JobDefinition job,
      ExecutionPlan plan,
      boolean success,
      List<RunEvent> events,
      Resources resources,
      RunConfig runConfig,
      EnvLookup env) {
    this.runId = runId;
    this.job = job;
    this.plan = plan;
    this.success = success;
    this.events = events;
    this.resources = resources;
    this.runConfig = runConfig;
    this.env = env;
  }

  /**
   * The run's id.
   *
   * @return the run id
   */
  public String runId() {
    return runId;
  }

  /**
   * The run's tags: the job's, the partition's ({@code dagster/partition}), a re-execution's
   * ({@code dagster/parent_run_id}) and those given to the execution.
   *
   * @return the tags
   */
  public Map<String, String> tags() {
    return tags;
  }

  ExecutionResult withTags(Map<String, String> runTags) {
    this.tags = Map.copyOf(runTags);
    return this;
  }

  /**
   * The job's name.
   *
   * @return the job name
   */
  public String jobName() {
    return job.name();
  }

  /**
   * Whether every step succeeded (or was skipped for an output that was not produced).
   *
   * @return true when the run ended with RUN_SUCCESS
   */
  public boolean isSuccess() {
    return success;
  }

  /**
   * Every event of the run, in order.
   *
   * @return the events
   */
  public List<RunEvent> events() {
    return events;
  }

  /**
   * The events of one type.
   *
   * @param type the type
   * @return the events, in order
   */
  public List<RunEvent> eventsOfType(EventType type) {
    List<RunEvent> found = new ArrayList<>();
    for (RunEvent event : events) {
      if (event.type() == type) {
        found.add(event);
      }
    }
    return found;
  }

  /**
   * The events of one step.
   *
   * @param stepKey the step key
   * @return the events, in order
   */
  public List<RunEvent> eventsForStep(String stepKey) {
    List<RunEvent> found = new ArrayList<>();
    for (RunEvent event : events) {
      if (stepKey.equals(event.stepKey())) {
        found.add(event);
      }
    }
    return found;
  }

  /**
   * The steps that have an event of a type, in the order of their first such event.
   *
   * @param type the type, such as {@link EventType#STEP_SUCCESS}
   * @return step keys
   */
  public List<String> stepKeysWith(EventType type) {
    Set<String> keys = new LinkedHashSet<>();
    for (RunEvent event : events) {
      if (event.type() == type && event.stepKey() != null) {
        keys.add(event.stepKey());
      }
    }
    return List.copyOf(keys);
  }

  /**
   * Every step the run planned, in plan order (mapped steps once their keys were known).
   *
   * @return step keys
   */
  public List<String> plannedStepKeys() {
    java.util.Set<String> keys = new java.util.LinkedHashSet<>();
    for (StepTemplate step : plan.steps()) {
      if (!step.isMapped()) {
        keys.add(step.handle());
      }
    }
    for (RunEvent event : events) {
      if (event.stepKey() != null
          && (event.type() == EventType.STEP_START || event.type() == EventType.STEP_SKIPPED)) {
        keys.add(event.stepKey());
      }
    }
    return List.copyOf(keys);
  }

  /**
   * The steps that failed.
   *
   * @return step keys
   */
  public List<String> failedSteps() {
    return stepKeysWith(EventType.STEP_FAILURE);
  }

  /**
   * The steps that were skipped.
   *
   * @return step keys
   */
  public List<String> skippedSteps() {
    return stepKeysWith(EventType.STEP_SKIPPED);
  }

  /**
   * The error a step failed with.
   *
   * @param stepKey the step key
   * @return the error, or empty when the step did not fail
   */
  public Optional<ErrorInfo> failureOf(String stepKey) {
    for (RunEvent event : events) {
      if (event.type() == EventType.STEP_FAILURE && stepKey.equals(event.stepKey())) {
        return event.data(StepFailureData.class).map(StepFailureData::error);
      }
    }
    return Optional.empty();
  }

  /**
   * The value of a step's single or {@code result} output, read back through its IO manager.
   *
   * @param stepKey the step key, such as {@code transform} or {@code process[a]}
   * @return the value
   */
  public Object outputFor(String stepKey) {
    StepTemplate template = template(stepKey);
    List<Out> outs = template.node().op().outputs();
    return outputFor(
        stepKey, outs.size() == 1 ? outs.get(0).name() : Out.DEFAULT_NAME, (String) null);
  }

  /**
   * The value of a step's output.
   *
   * @param stepKey the step key
   * @param outputName the output's name
   * @return the value
   */
  public Object outputFor(String stepKey, String outputName) {
    return outputFor(stepKey, outputName, (String) null);
  }

  /**
   * One value of a step's dynamic output, or a regular output when {@code mappingKey} is null.
   *
   * @param stepKey the step key
   * @param outputName the output's name
   * @param mappingKey the mapping key, or {@code null}
   * @return the value
   * @throws NoSuchElementException when the step did not produce that output
   * @throws IllegalStateException when the IO manager cannot load it
   */
  public Object outputFor(String stepKey, String outputName, String mappingKey) {
    StepTemplate template = template(stepKey);
    Out out =
        template
            .node()
            .op()
            .output(outputName)
            .orElseThrow(
                () ->
                    new NoSuchElementException(
                        "Op '"
                            + template.node().op().name()
                            + "' has no output named '"
                            + outputName
                            + "'."));
    if (!produced(stepKey, outputName, mappingKey)) {
      throw new NoSuchElementException(
          "Step '"
              + stepKey
              + "' did not produce output '"
              + outputName
              + "'"
              + (mappingKey == null ? "" : " with mapping key '" + mappingKey + "'")
              + " in run "
              + runId
              + ".");
    }
    OutputRef ref =
        new OutputRef(runId, stepKey, template.node().op().name(), out, mappingKey, null);
    return load(ref, stepKey);
  }

  private Object load(OutputRef ref, String stepKey) {
    String outputName = ref.out().name();
    String key = ref.out().ioManagerKey();
    try {
      if (resources.existingRunScopedValue(key) instanceof IOManager manager) {
        return StoredOutputs.load(manager, job.name(), ref);
      }
      // A step-scoped IO manager (the filesystem one) is set up again just to read.
      Resources reading =
          new Resources(
              job.resources(),
              io.pipewright.sdk.internal.engine.RunSetup.resourceConfigs(runConfig),
              env,
              new EventEmitter(runId, job.name(), Clock.systemUTC(), e -> {}));
      try (StepResources open = reading.open(stepKey, Set.of(key))) {
        return StoredOutputs.load((IOManager) open.get(key), job.name(), ref);
      }
    } catch (Exception e) {
      throw new IllegalStateException(
          "Cannot read output '" + outputName + "' of step '" + stepKey + "': " + e.getMessage(),
          e);
    }
  }

  /**
   * The value of a step's output, cast to a class.
   *
   * @param stepKey the step key
   * @param outputName the output's name
   * @param type the class
   * @param <T> the type
   * @return the value
   */
  public <T> T outputFor(String stepKey, String outputName, Class<T> type) {
    return type.cast(outputFor(stepKey, outputName, (String) null));
  }

  /**
   * The stored value of an asset this run materialized, read back through its IO manager.
   *
   * @param key the asset
   * @return the value
   */
  public Object assetValue(AssetKey key) {
    return assetValue(key, null);
  }

  /**
   * The stored value of one partition of an asset this run materialized.
   *
   * @param key the asset
   * @param partition the partition key, or {@code null} for an unpartitioned asset
   * @return the value
   * @throws NoSuchElementException when this run did not materialize it
   */
  public Object assetValue(AssetKey key, String partition) {
    for (RunEvent event : events) {
      if (event.data() instanceof MaterializationData data
          && data.materialization().assetKey().equals(key)
          && Objects.equals(data.materialization().partition(), partition)) {
        StepTemplate template = template(event.stepKey());
        for (Out out : template.node().op().outputs()) {
          if (key.equals(out.assetKey())) {
            return load(
                new OutputRef(
                    runId, event.stepKey(), template.node().op().name(), out, null, partition),
                event.stepKey());
          }
        }
      }
    }
    throw new NoSuchElementException(
        "Run "
            + runId
            + " did not materialize "
            + key.toUserString()
            + (partition == null ? "" : " partition " + partition)
            + ".");
  }

  private boolean produced(String stepKey, String outputName, String mappingKey) {
    for (RunEvent event : events) {
      if (event.type() == EventType.STEP_OUTPUT && stepKey.equals(event.stepKey())) {
        StepOutputData data = (StepOutputData) event.data();
        if (data.outputName().equals(outputName)
            && Objects.equals(data.mappingKey(), mappingKey)
            && data.typeCheck().passed()) {
          return true;
        }
      }
    }
    return false;
  }

  private StepTemplate template(String stepKey) {
    int bracket = stepKey.indexOf('[');
    String handle = bracket < 0 ? stepKey : stepKey.substring(0, bracket);
    StepTemplate template = plan.step(handle);
    if (template == null) {
      throw new NoSuchElementException(
          "Run " + runId + " of job '" + job.name() + "' has no step '" + stepKey + "'.");
    }
    return template;
  }

  @Override
  public String toString() {
    return "ExecutionResult[" + job.name() + ", " + runId + ", success=" + success + "]";
  }
}
