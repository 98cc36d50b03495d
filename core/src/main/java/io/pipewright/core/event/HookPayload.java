package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.ErrorSnapshot;

/**
 * Payload of the {@code HOOK_*} events (the sdk's {@code HookData}).
 *
 * @param hookName the hook's name; non-blank
 * @param error why the hook failed; null unless {@link DagsterEventType#HOOK_ERRORED}
 */
public record HookPayload(String hookName, ErrorSnapshot error) implements EventPayload {

  /** Validates the name. */
  public HookPayload {
    Checks.requireNonBlank(hookName, "HookPayload", "hookName");
  }
}
