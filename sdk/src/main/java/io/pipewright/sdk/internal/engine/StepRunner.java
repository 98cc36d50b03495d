package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.Failure;
import io.pipewright.sdk.HookDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.RetryRequested;
import io.pipewright.sdk.config.ConfigError;
import io.pipewright.sdk.config.ConfigResolver;
import io.pipewright.sdk.config.EnvLookup;
import io.pipewright.sdk.event.ErrorInfo;
import io.pipewright.sdk.event.ErrorSource;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.LogLevel;
import io.pipewright.sdk.event.StepFailureData;
import io.pipewright.sdk.event.StepRestartedData;
import io.pipewright.sdk.event.StepRetryData;
import io.pipewright.sdk.event.StepSuccessData;
import io.pipewright.sdk.metadata.Metadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * Runs one attempt of one step: sets up its resources, loads and type-checks its inputs through IO
 * managers, runs the op, type-checks and stores its outputs, decides on a retry, runs hooks and
 * emits the step's events. The same runner serves in-process runs and step worker processes.
 */
public final class StepRunner {
  private final Resources resources;
  private final EventEmitter emitter;
  private final EnvLookup env;
  private final DoubleSupplier random;
  private final StepInputs inputs;
  private final StepOutputs outputs;

  /**
   * Creates a runner.
   *
   * @param resources the run's resources
   * @param emitter the run's events
   * @param env where {@code {"env": ...}} config values are read
   * @param random uniform doubles in [0, 1), for retry jitter
   */
  public StepRunner(
      Resources resources, EventEmitter emitter, EnvLookup env, DoubleSupplier random) {
    this.resources = resources;
    this.emitter = emitter;
    this.env = env;
    this.random = random;
    this.inputs = new StepInputs(emitter);
    this.outputs = new StepOutputs(emitter);
  }

  /**
   * Runs one attempt.
   *
   * @param step the step and attempt
   * @return how it ended; its final event has been emitted
   */
  public StepOutcome run(StepInvocation step) {
    long start = System.nanoTime();
    String key = step.stepKey();
    if (step.retryNumber() == 0) {
      emitter.info(EventType.STEP_START, key, "Started execution of step \"" + key + "\".", null);
    } else {
      emitter.info(
          EventType.STEP_RESTARTED,
          key,
          "Started re-execution (attempt # "
              + (step.retryNumber() + 1)
              + ") of step \""
              + key
              + "\".",
          new StepRestartedData(step.retryNumber() + 1));
    }
    StepResources open;
    try {
      open = resources.open(key, resourceKeys(step));
    } catch (ResourceInitException e) {
      StepFailed failed =
          e.getCause() == null
              ? StepFailed.framework(ResourceInitException.class.getName(), e.getMessage())
              : StepFailed.userCode(e.getMessage(), e.getCause());
      return failWithoutResources(step, failed);
    }
    try (open) {
      try {
        Object config = resolveConfig(step);
        Map<String, Object> values = inputs.loadInputs(step, open);
        StepContext context = new StepContext(step, open, emitter, config);
        Object returned = compute(step, context, values);
        Map<String, List<String>> produced = outputs.storeOutputs(step, context, open, returned);
        long millis = (System.nanoTime() - start) / 1_000_000;
        emitter.info(
            EventType.STEP_SUCCESS,
            key,
            "Finished execution of step \"" + key + "\" in " + millis + "ms.",
            new StepSuccessData(millis));
        runHooks(step, HookDefinition.Trigger.SUCCESS, open, null);
        return StepOutcome.success(key, produced);
      } catch (StepFailed failed) {
        return fail(step, failed, open);
      } catch (RuntimeException bug) {
        return fail(
            step,
            new StepFailed(
                ErrorInfo.from(bug),
                ErrorSource.FRAMEWORK_ERROR,
                Metadata.empty(),
                RetryDecision.Request.NEVER),
            open);
      }
    }
  }

  private StepOutcome fail(StepInvocation step, StepFailed failed, StepResources open) {
    String key = step.stepKey();
    RetryDecision.Verdict verdict =
        RetryDecision.decide(failed.request, step.retryPolicy(), step.retryNumber(), random);
    if (verdict.retry()) {
      double seconds = verdict.delay().toNanos() / 1e9;
      emitter.emit(
          EventType.STEP_UP_FOR_RETRY,
          LogLevel.WARNING,
          key,
          "Execution of step \""
              + key
              + "\" failed and has requested a retry in "
              + seconds
              + " seconds: "
              + failed.error.message(),
          new StepRetryData(failed.error, step.retryNumber() + 1, seconds));
      return StepOutcome.retry(key, failed.error, verdict.delay());
    }
    emitter.emit(
        EventType.STEP_FAILURE,
        LogLevel.ERROR,
        key,
        "Execution of step \"" + key + "\" failed: " + failed.error.message(),
        new StepFailureData(failed.error, failed.source, failed.metadata));
    runHooks(step, HookDefinition.Trigger.FAILURE, open, failed.error);
    return StepOutcome.failure(key, failed.error);
  }

  /**
   * A resource the step needs could not be set up. Failure hooks still run, with their own
   * resources when those can be set up, so that an alert goes out for exactly this kind of failure.
   */
  private StepOutcome failWithoutResources(StepInvocation step, StepFailed failed) {
    Set<String> hookKeys = new LinkedHashSet<>();
    for (HookDefinition hook : step.hooks()) {
      if (hook.trigger() == HookDefinition.Trigger.FAILURE) {
        hookKeys.addAll(hook.requiredResourceKeys());
      }
    }
    StepResources hookResources = null;
    try {
      hookResources = resources.open(step.stepKey(), hookKeys);
    } catch (ResourceInitException e) {
      // Hooks that need the missing resources are skipped; fail() records that.
    }
    try {
      return fail(step, failed, hookResources);
    } finally {
      if (hookResources != null) {
        hookResources.close();
      }
    }
  }

  private static Set<String> resourceKeys(StepInvocation step) {
    Set<String> keys = new LinkedHashSet<>(step.op().requiredResourceKeys());
    for (Out out : step.op().outputs()) {
      if (!out.type().isNothing()) {
        keys.add(out.ioManagerKey());
      }
    }
    for (ResolvedInput input : step.inputs()) {
      for (OutputRef ref : input.refs()) {
        keys.add(ref.out().ioManagerKey());
      }
    }
    for (HookDefinition hook : step.hooks()) {
      keys.addAll(hook.requiredResourceKeys());
    }
    return keys;
  }

  private Object resolveConfig(StepInvocation step) throws StepFailed {
    if (step.op().configType().isEmpty() || step.opConfig() == null) {
      return step.opConfig();
    }
    ConfigResolver.Resolution resolution =
        ConfigResolver.resolveEnv(
            step.op().configType().get(),
            step.opConfig(),
            "ops." + step.stepKey() + ".config",
            env);
    if (!resolution.errors().isEmpty()) {
      List<String> messages = new ArrayList<>();
      for (ConfigError error : resolution.errors()) {
        messages.add(error.message());
      }
      throw StepFailed.framework("io.pipewright.ConfigError", String.join("; ", messages));
    }
    return resolution.value();
  }

  private static Object compute(
      StepInvocation step, StepContext context, Map<String, Object> values) throws StepFailed {
    try {
      return step.op().body().compute(context, new InputValues(step.op(), values));
    } catch (RetryRequested e) {
      return rethrow(
          e,
          Metadata.empty(),
          new RetryDecision.Request(
              RetryDecision.Request.Kind.REQUESTED,
              e.maxRetries(),
              Duration.ofNanos((long) (e.secondsToWait() * 1e9))));
    } catch (Failure e) {
      return rethrow(
          e,
          e.metadata(),
          e.allowRetries() ? RetryDecision.Request.BY_POLICY : RetryDecision.Request.NEVER);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailed(
          ErrorInfo.from(e), ErrorSource.INTERRUPT, Metadata.empty(), RetryDecision.Request.NEVER);
    } catch (Exception | Error e) {
      if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) {
        throw vme;
      }
      return rethrow(e, Metadata.empty(), RetryDecision.Request.BY_POLICY);
    }
  }

  private static Object rethrow(Throwable e, Metadata metadata, RetryDecision.Request request)
      throws StepFailed {
    ErrorInfo error = ErrorInfo.from(e);
    if (e instanceof Failure failure && failure.description() != null) {
      // A Failure is the user's own verdict: its description is the message, not "Failure: ...".
      error =
          new ErrorInfo(
              failure.description(),
              error.stack(),
              error.className(),
              error.cause(),
              error.context());
    }
    throw new StepFailed(error, ErrorSource.USER_CODE_ERROR, metadata, request);
  }

  private void runHooks(
      StepInvocation step, HookDefinition.Trigger trigger, StepResources open, ErrorInfo error) {
    for (HookDefinition hook : step.hooks()) {
      if (hook.trigger() == trigger) {
        Hooks.run(hook, step, open, error, emitter);
      }
    }
  }
}
