package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.DynamicOutput;
import io.pipewright.sdk.DynamicOutputs;
import io.pipewright.sdk.Failure;
import io.pipewright.sdk.HookDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.Output;
import io.pipewright.sdk.RetryRequested;
import io.pipewright.sdk.config.ConfigError;
import io.pipewright.sdk.config.ConfigResolver;
import io.pipewright.sdk.config.EnvLookup;
import io.pipewright.sdk.event.AssetMaterialization;
import io.pipewright.sdk.event.ErrorInfo;
import io.pipewright.sdk.event.ErrorSource;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.HandledOutputData;
import io.pipewright.sdk.event.LoadedInputData;
import io.pipewright.sdk.event.LogLevel;
import io.pipewright.sdk.event.MaterializationData;
import io.pipewright.sdk.event.StepFailureData;
import io.pipewright.sdk.event.StepInputData;
import io.pipewright.sdk.event.StepOutputData;
import io.pipewright.sdk.event.StepRestartedData;
import io.pipewright.sdk.event.StepRetryData;
import io.pipewright.sdk.event.StepSuccessData;
import io.pipewright.sdk.io.IOManager;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.types.TypeCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        Map<String, Object> values = loadInputs(step, open);
        StepContext context = new StepContext(step, open, emitter, config);
        Object returned = compute(step, context, values);
        Map<String, List<String>> produced = storeOutputs(step, context, open, returned);
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

  private Map<String, Object> loadInputs(StepInvocation step, StepResources open)
      throws StepFailed {
    Map<String, Object> values = new LinkedHashMap<>();
    for (ResolvedInput input : step.inputs()) {
      Object value;
      switch (input.mode()) {
        case NOTHING:
          continue;
        case DEFAULT:
          value = input.defaultValue();
          break;
        case SINGLE:
          value = load(step, input, input.refs().get(0), open);
          break;
        case PARTITIONS:
          Map<String, Object> byPartition = new LinkedHashMap<>();
          for (OutputRef ref : input.refs()) {
            byPartition.put(ref.partitionKey(), load(step, input, ref, open));
          }
          value = byPartition;
          break;
        default:
          List<Object> list = new ArrayList<>(input.refs().size());
          for (OutputRef ref : input.refs()) {
            list.add(load(step, input, ref, open));
          }
          value = list;
      }
      TypeCheck check = checkInput(input, value);
      String name = input.in().name();
      emitter.info(
          EventType.STEP_INPUT,
          step.stepKey(),
          "Got input \""
              + name
              + "\" of type \""
              + input.in().type().displayName()
              + (check.passed() ? "\". (Type check passed)." : "\". (Type check failed)."),
          new StepInputData(name, check));
      if (!check.passed()) {
        throw StepFailed.framework(
            "io.pipewright.TypeCheckFailure",
            "Type check failed for input '"
                + name
                + "' of op '"
                + step.op().name()
                + "' (step '"
                + step.stepKey()
                + "'), type "
                + input.in().type().displayName()
                + ": "
                + check.description());
      }
      values.put(name, value);
    }
    return values;
  }

  /** A partitioned input holds a map; each partition's value is checked against the type. */
  private static TypeCheck checkInput(ResolvedInput input, Object value) {
    if (input.mode() != ResolvedInput.Mode.PARTITIONS) {
      return input.in().type().check(value);
    }
    for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
      TypeCheck check = input.in().type().check(e.getValue());
      if (!check.passed()) {
        return TypeCheck.failure("partition " + e.getKey() + ": " + check.description());
      }
    }
    return TypeCheck.success();
  }

  private Object load(StepInvocation step, ResolvedInput input, OutputRef ref, StepResources open)
      throws StepFailed {
    String managerKey = ref.out().ioManagerKey();
    IOManager manager = ioManager(open, managerKey);
    IoContexts.Output upstream = new IoContexts.Output(step.jobName(), ref, ref.out().metadata());
    Object value;
    try {
      value =
          manager.loadInput(
              new IoContexts.Input(
                  step.runId(),
                  step.jobName(),
                  step.stepKey(),
                  step.op().name(),
                  input.in(),
                  upstream));
    } catch (Exception e) {
      throw StepFailed.userCode(
          "Loading input '"
              + input.in().name()
              + "' from "
              + describe(ref)
              + " with IO manager '"
              + managerKey
              + "' failed",
          e);
    }
    emitter.info(
        EventType.LOADED_INPUT,
        step.stepKey(),
        "Loaded input \""
            + input.in().name()
            + "\" using input manager \""
            + managerKey
            + "\", from "
            + describe(ref),
        new LoadedInputData(
            input.in().name(), managerKey, ref.stepKey(), ref.out().name(), Metadata.empty()));
    return value;
  }

  private static String describe(OutputRef ref) {
    String partition = ref.partitionKey() == null ? "" : " partition " + ref.partitionKey();
    if (ref.out().assetKey() != null) {
      // Asset values are stored by key, whichever run wrote them; say which asset, not which step.
      return "asset " + ref.out().assetKey().toUserString() + partition;
    }
    return "output \"" + ref.out().name() + "\" of step \"" + ref.stepKey() + "\"" + partition;
  }

  private static IOManager ioManager(StepResources open, String key) throws StepFailed {
    Object value = open.get(key);
    if (value instanceof IOManager manager) {
      return manager;
    }
    throw StepFailed.framework(
        "io.pipewright.ResourceError",
        "Resource '"
            + key
            + "' is "
            + (value == null ? "not bound" : "a " + value.getClass().getName())
            + ", not an IO manager; bind an IO manager to '"
            + key
            + "'.");
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

  private Map<String, List<String>> storeOutputs(
      StepInvocation step, StepContext context, StepResources open, Object returned)
      throws StepFailed {
    Map<String, Object> byName = OutputValues.byName(step, returned);
    Map<String, List<String>> produced = new LinkedHashMap<>();
    for (Out out : step.op().outputs()) {
      if (!byName.containsKey(out.name())) {
        if (!out.optional()) {
          throw StepFailed.framework(
              "io.pipewright.MissingOutput",
              "Op '"
                  + step.op().name()
                  + "' (step '"
                  + step.stepKey()
                  + "') did not return required output '"
                  + out.name()
                  + "'. Return it, or declare it optional with Out.asOptional().");
        }
        continue;
      }
      Object value = byName.get(out.name());
      Metadata extra = context.outputMetadata(out.name());
      if (out.dynamic()) {
        if (!(value instanceof DynamicOutputs dynamic)) {
          throw StepFailed.framework(
              "io.pipewright.WrongOutputKind",
              "Output '"
                  + out.name()
                  + "' of op '"
                  + step.op().name()
                  + "' is dynamic: return DynamicOutputs for it, not "
                  + (value == null ? "null" : "a " + value.getClass().getName())
                  + ".");
        }
        List<String> keys = new ArrayList<>(dynamic.values().size());
        for (DynamicOutput one : dynamic.values()) {
          Metadata md = extra.isEmpty() ? one.metadata() : one.metadata().merge(extra);
          store(step, open, out, one.value(), md, one.mappingKey(), null);
          keys.add(one.mappingKey());
        }
        produced.put(out.name(), keys);
      } else {
        if (value instanceof DynamicOutputs) {
          throw StepFailed.framework(
              "io.pipewright.WrongOutputKind",
              "Output '"
                  + out.name()
                  + "' of op '"
                  + step.op().name()
                  + "' is not dynamic, but the op returned DynamicOutputs for it; declare it with"
                  + " Out.dynamic(...).");
        }
        Metadata md = extra;
        if (value instanceof Output output) {
          value = output.value();
          md = extra.isEmpty() ? output.metadata() : output.metadata().merge(extra);
        }
        if (out.assetKey() != null && !step.partitionKeys().isEmpty()) {
          storePartitions(step, open, out, value, md);
        } else {
          store(step, open, out, value, md, null, null);
        }
        produced.put(out.name(), List.of());
      }
    }
    return produced;
  }

  /** One value for one partition; a map from partition key to value for a range. */
  private void storePartitions(
      StepInvocation step, StepResources open, Out out, Object value, Metadata metadata)
      throws StepFailed {
    List<String> partitions = step.partitionKeys();
    if (partitions.size() == 1) {
      store(step, open, out, value, metadata, null, partitions.get(0));
      return;
    }
    if (!(value instanceof Map<?, ?> map)
        || !map.keySet().equals(new LinkedHashSet<>(partitions))) {
      throw StepFailed.framework(
          "io.pipewright.PartitionMismatch",
          "Step '"
              + step.stepKey()
              + "' runs for "
              + partitions.size()
              + " partitions ("
              + partitions.get(0)
              + " to "
              + partitions.get(partitions.size() - 1)
              + "): return a Map from each partition key to its value for output '"
              + out.name()
              + "'.");
    }
    for (String partition : partitions) {
      store(step, open, out, map.get(partition), metadata, null, partition);
    }
  }

  private void store(
      StepInvocation step,
      StepResources open,
      Out out,
      Object value,
      Metadata metadata,
      String mappingKey,
      String partition)
      throws StepFailed {
    TypeCheck check = out.type().check(value);
    String key = step.stepKey();
    emitter.info(
        EventType.STEP_OUTPUT,
        key,
        "Yielded output \""
            + out.name()
            + "\""
            + (mappingKey == null ? "" : " (mapping key \"" + mappingKey + "\")")
            + " of type \""
            + out.type().displayName()
            + (check.passed() ? "\". (Type check passed)." : "\". (Type check failed)."),
        new StepOutputData(out.name(), mappingKey, check, metadata));
    if (!check.passed()) {
      throw StepFailed.framework(
          "io.pipewright.TypeCheckFailure",
          "Type check failed for output '"
              + out.name()
              + "' of op '"
              + step.op().name()
              + "' (step '"
              + key
              + "'), type "
              + out.type().displayName()
              + ": "
              + check.description());
    }
    if (out.type().isNothing()) {
      return;
    }
    IOManager manager = ioManager(open, out.ioManagerKey());
    OutputRef ref = new OutputRef(step.runId(), key, step.op().name(), out, mappingKey, partition);
    Metadata contextMetadata = metadata.isEmpty() ? out.metadata() : out.metadata().merge(metadata);
    IoContexts.Output context = new IoContexts.Output(step.jobName(), ref, contextMetadata);
    try {
      manager.handleOutput(context, value);
    } catch (Exception e) {
      throw StepFailed.userCode(
          "Storing output '" + out.name() + "' with IO manager '" + out.ioManagerKey() + "' failed",
          e);
    }
    emitter.info(
        EventType.HANDLED_OUTPUT,
        key,
        "Handled output \"" + out.name() + "\" using IO manager \"" + out.ioManagerKey() + "\"",
        new HandledOutputData(out.name(), out.ioManagerKey(), context.added()));
    if (out.assetKey() != null) {
      Metadata all = context.added().isEmpty() ? metadata : metadata.merge(context.added());
      emitter.info(
          EventType.ASSET_MATERIALIZATION,
          key,
          "Materialized value "
              + out.assetKey().toUserString()
              + (partition == null ? "" : " partition " + partition)
              + ".",
          new MaterializationData(new AssetMaterialization(out.assetKey(), null, all, partition)));
    }
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
