package io.pipewright.sdk.event;

/**
 * Payload of the {@code HOOK_*} events: a hook ran, failed or was skipped.
 *
 * @param hookName the hook's name; not null
 * @param error why the hook failed; null unless {@link EventType#HOOK_ERRORED}
 */
public record HookData(String hookName, ErrorInfo error) implements EventData {

  /**
   * Validates the payload.
   *
   * @param hookName the hook's name; not null
   * @param error why the hook failed; null unless {@link EventType#HOOK_ERRORED}
   * @throws IllegalArgumentException if the hook name is null
   */
  public HookData {
    Checks.require(hookName, "HookData", "hookName");
  }
}
