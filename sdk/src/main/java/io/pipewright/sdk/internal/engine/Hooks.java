package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.HookContext;
import io.pipewright.sdk.HookDefinition;
import io.pipewright.sdk.OpLogger;
import io.pipewright.sdk.event.ErrorInfo;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.HookData;
import io.pipewright.sdk.event.LogLevel;
import java.util.Optional;

/** Runs a hook after a step; a hook's failure is recorded and never changes the step's outcome. */
final class Hooks {
  private Hooks() {}

  static void run(
      HookDefinition hook,
      StepInvocation step,
      StepResources open,
      ErrorInfo error,
      EventEmitter emitter) {
    String key = step.stepKey();
    if (open == null && !hook.requiredResourceKeys().isEmpty()) {
      emitter.info(
          EventType.HOOK_SKIPPED,
          key,
          "Skipped the execution of hook \""
              + hook.name()
              + "\": its resources could not be set up.",
          new HookData(hook.name(), null));
      return;
    }
    HookContext context = new Context(hook, step, open, error, emitter);
    try {
      hook.body().run(context);
      emitter.info(
          EventType.HOOK_COMPLETED,
          key,
          "Finished the execution of hook \"" + hook.name() + "\" triggered for \"" + key + "\".",
          new HookData(hook.name(), null));
    } catch (Exception e) {
      emitter.emit(
          EventType.HOOK_ERRORED,
          LogLevel.ERROR,
          key,
          "Error in hook \"" + hook.name() + "\" triggered for \"" + key + "\": " + e,
          new HookData(hook.name(), ErrorInfo.from(e)));
    }
  }

  private record Context(
      HookDefinition hook,
      StepInvocation step,
      StepResources open,
      ErrorInfo failure,
      EventEmitter emitter)
      implements HookContext {

    @Override
    public String runId() {
      return step.runId();
    }

    @Override
    public String jobName() {
      return step.jobName();
    }

    @Override
    public String stepKey() {
      return step.stepKey();
    }

    @Override
    public String opName() {
      return step.op().name();
    }

    @Override
    public Optional<ErrorInfo> error() {
      return Optional.ofNullable(failure);
    }

    @Override
    public OpLogger log() {
      return new StepLogger(emitter, step.stepKey());
    }

    @Override
    public <T> T resource(String key, Class<T> type) {
      if (!hook.requiredResourceKeys().contains(key)) {
        throw new IllegalArgumentException(
            "Hook '" + hook.name() + "' did not declare resource '" + key + "'.");
      }
      return type.cast(open.get(key));
    }
  }
}
