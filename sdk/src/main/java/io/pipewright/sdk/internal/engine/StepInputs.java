package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.LoadedInputData;
import io.pipewright.sdk.event.StepInputData;
import io.pipewright.sdk.io.IOManager;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.types.TypeCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads and type-checks the inputs of one step attempt through IO managers, with their events. */
final class StepInputs {
  private final EventEmitter emitter;

  StepInputs(EventEmitter emitter) {
    this.emitter = emitter;
  }

  Map<String, Object> loadInputs(StepInvocation step, StepResources open) throws StepFailed {
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

  static IOManager ioManager(StepResources open, String key) throws StepFailed {
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
}
