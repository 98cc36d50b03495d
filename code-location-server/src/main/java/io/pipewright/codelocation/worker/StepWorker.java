package io.pipewright.codelocation.worker;

import io.pipewright.codelocation.service.ExecutionPlanService;
import io.pipewright.codelocation.service.LoadedDefinitions;
import io.pipewright.codelocation.service.PreparedRun;
import io.pipewright.codelocation.service.RequestRejectedException;
import io.pipewright.core.codelocation.ExecutionPlanRequest;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EnginePayload;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.StepSkippedPayload;
import io.pipewright.core.launch.StepExecutionArgs;
import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import io.pipewright.core.snapshot.MetadataValueSnapshot;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.config.EnvLookup;
import io.pipewright.sdk.internal.engine.EventEmitter;
import io.pipewright.sdk.internal.engine.InputResolver;
import io.pipewright.sdk.internal.engine.KnownUpstream;
import io.pipewright.sdk.internal.engine.Resources;
import io.pipewright.sdk.internal.engine.RunSetup;
import io.pipewright.sdk.internal.engine.SingleStep;
import io.pipewright.sdk.internal.engine.StepInvocation;
import io.pipewright.sdk.internal.engine.StepOutcome;
import io.pipewright.sdk.internal.engine.StepRunner;
import io.pipewright.sdk.internal.engine.StepSkipped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * Runs one attempt of one step with the sdk's engine, as {@code execute-step} does: rebuilds the
 * run's plan from the location's definitions and the arguments (the same planning as {@code
 * GetExecutionPlan}), resolves the step's inputs from the known state, runs the attempt with {@link
 * StepRunner} (resources, IO managers, retries decided, hooks) and reports every event to the sink.
 *
 * <p>Plain Java: the Quarkus application and the plain {@code StepWorkerMain} both call it.
 */
public final class StepWorker {

  /**
   * How the attempt ended.
   *
   * @param exitCode the process's exit code
   * @param summary one line for standard error: what happened, or what to fix
   */
  public record Result(ExitCode exitCode, String summary) {}

  private final LoadedDefinitions loaded;
  private final Optional<String> locationName;
  private final EnvLookup env;
  private final Clock clock;
  private final DoubleSupplier random;

  /**
   * Creates a worker.
   *
   * @param loaded the location's definitions, or their load errors
   * @param locationName the location this process serves, when known: arguments for another
   *     location are refused
   * @param env where {@code {"env": ...}} config values are read
   * @param clock the clock events are stamped with
   * @param random uniform doubles in [0, 1), for retry jitter
   */
  public StepWorker(
      LoadedDefinitions loaded,
      Optional<String> locationName,
      EnvLookup env,
      Clock clock,
      DoubleSupplier random) {
    this.loaded = loaded;
    this.locationName = locationName;
    this.env = env;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Runs the attempt and closes the sink.
   *
   * @param args the invocation
   * @param sink where the events go
   * @return the exit code and a summary
   */
  public Result run(StepExecutionArgs args, StepEventSink sink) {
    AttemptEvents events =
        new AttemptEvents(args.runId(), args.stepKey(), args.attempt(), sink, clock);
    events.report(
        DagsterEventType.STEP_WORKER_STARTED,
        EventLevel.DEBUG,
        "Executing step \""
            + args.stepKey()
            + "\" (attempt "
            + args.attempt()
            + ") in step worker process "
            + ProcessHandle.current().pid()
            + ".",
        new EnginePayload(
            List.of(
                new MetadataEntrySnapshot(
                    "pid", new MetadataValueSnapshot.Int(ProcessHandle.current().pid()))),
            null));
    // Before any work: a step whose events cannot be reported (a wrong token, no ingest) must not
    // run, or its side effects would happen unseen.
    StepEventSink.Delivery first = sink.flush();
    if (!first.delivered()) {
      sink.close();
      return new Result(ExitCode.EVENTS_NOT_DELIVERED, first.problem());
    }
    Prepared prepared;
    try {
      prepared = prepare(args);
    } catch (BadInvocation e) {
      events.report(
          DagsterEventType.ENGINE_EVENT,
          EventLevel.ERROR,
          "Step worker could not run step \"" + args.stepKey() + "\": " + e.getMessage(),
          new EnginePayload(
              List.of(),
              new ErrorSnapshot(
                  BadInvocation.class.getName(), e.getMessage(), List.of(), null, null)));
      return finish(sink, ExitCode.BAD_INVOCATION, "cannot run: " + e.getMessage());
    } catch (StepSkipped skipped) {
      events.report(
          DagsterEventType.STEP_SKIPPED,
          EventLevel.INFO,
          "Skipped execution of step \"" + args.stepKey() + "\": " + skipped.reason() + ".",
          new StepSkippedPayload(skipped.reason()));
      return finish(sink, ExitCode.SUCCESS, "skipped: " + skipped.reason());
    }
    EventEmitter emitter =
        new EventEmitter(args.runId(), prepared.job.name(), clock, events::report);
    Resources resources =
        new Resources(
                prepared.job.resources(),
                RunSetup.resourceConfigs(prepared.run.runConfig()),
                env,
                emitter)
            .requirePersistentStorage();
    StepOutcome outcome;
    try {
      outcome = new StepRunner(resources, emitter, env, random).run(prepared.invocation);
    } finally {
      resources.closeRun();
    }
    return switch (outcome.status()) {
      case SUCCESS -> finish(sink, ExitCode.SUCCESS, "succeeded");
      case FAILURE -> finish(sink, ExitCode.STEP_FAILED, "failed: " + outcome.error().message());
      case UP_FOR_RETRY ->
          finish(
              sink,
              ExitCode.UP_FOR_RETRY,
              "failed and is up for retry in "
                  + outcome.retryWait().toMillis()
                  + " ms: "
                  + outcome.error().message());
    };
  }

  private static Result finish(StepEventSink sink, ExitCode code, String summary) {
    StepEventSink.Delivery delivery = sink.close();
    if (!delivery.delivered()) {
      return new Result(
          ExitCode.EVENTS_NOT_DELIVERED, "the step " + summary + ", but " + delivery.problem());
    }
    return new Result(code, summary);
  }

  private record Prepared(JobDefinition job, PreparedRun run, StepInvocation invocation) {}

  private Prepared prepare(StepExecutionArgs args) throws BadInvocation, StepSkipped {
    if (loaded.definitions().isEmpty()) {
      throw new BadInvocation(
          "the code location's definitions failed to load, so no step can run. "
              + loaded.describeErrors()
              + " Fix the code and build the image again.");
    }
    if (locationName.isPresent() && !locationName.get().equals(args.codeLocationName())) {
      throw new BadInvocation(
          "this is code location '"
              + locationName.get()
              + "', but the step belongs to code location '"
              + args.codeLocationName()
              + "'; the step was launched with the wrong image.");
    }
    ExecutionPlanRequest request =
        ExecutionPlanRequest.forJob(args.jobName())
            .opSelection(args.opSelection())
            .assetSelection(args.assetSelection())
            .runConfig(args.runConfig())
            .stepKeysToExecute(args.stepKeysToExecute())
            .partitionKey(args.partitionKey())
            .build();
    PreparedRun.Outcome outcome;
    try {
      outcome = new ExecutionPlanService(loaded).prepare(request);
    } catch (RequestRejectedException e) {
      throw new BadInvocation(e.getMessage());
    }
    if (outcome instanceof PreparedRun.InvalidConfig invalid) {
      throw new BadInvocation(configErrors(invalid.errors()));
    }
    if (outcome instanceof PreparedRun.Failed failed) {
      throw new BadInvocation(
          "the partitioned config of partition '"
              + args.partitionKey()
              + "' failed: "
              + failed.error().message());
    }
    PreparedRun run = ((PreparedRun.Prepared) outcome).run();
    JobDefinition job = run.job();
    InputResolver resolver =
        new InputResolver(
            run.plan(),
            args.runId(),
            job.name(),
            run.runConfig(),
            args.runTags(),
            job.hooks(),
            job.opRetryPolicy().orElse(null),
            job.assetLayer().orElse(null),
            run.partitionKeys(),
            args.parentRunId());
    Map<String, Set<String>> missing = new LinkedHashMap<>();
    args.knownState()
        .missingOutputs()
        .forEach((step, outputs) -> missing.put(step, new LinkedHashSet<>(outputs)));
    KnownUpstream known = new KnownUpstream(args.knownState().dynamicMappingKeys(), missing);
    try {
      return new Prepared(
          job, run, SingleStep.resolve(resolver, args.stepKey(), args.attempt() - 1, known));
    } catch (IllegalArgumentException e) {
      throw new BadInvocation(e.getMessage());
    }
  }

  private static String configErrors(List<ConfigErrorSnapshot> errors) {
    List<String> lines = new ArrayList<>(errors.size());
    for (ConfigErrorSnapshot error : errors) {
      lines.add(error.message());
    }
    return "the run config is invalid: "
        + String.join("; ", lines)
        + ". The run was planned with other config; launch the step with the run's config.";
  }

  /** The invocation cannot run; the message says why and what to fix. */
  static final class BadInvocation extends Exception {
    private static final long serialVersionUID = 1L;

    BadInvocation(String message) {
      super(message, null, false, false);
    }
  }
}
