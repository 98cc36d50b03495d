package io.pipewright.sdk;

import java.util.Objects;
import java.util.Set;

/**
 * A function that runs after each step of a job succeeds or fails (Dagster's {@code
 * success_hook}/{@code failure_hook}), for example to send a notification. A hook that throws is
 * recorded as {@code HOOK_ERRORED} and does not change the step's outcome.
 *
 * <pre>{@code
 * HookDefinition alert = HookDefinition.onFailure("alert_on_failure", ctx ->
 *     ctx.resource("slack", Slack.class).post("Step " + ctx.stepKey() + " failed"), "slack");
 * }</pre>
 *
 * @param name the hook's name
 * @param trigger when it runs
 * @param body what it does
 * @param requiredResourceKeys the resources it uses
 */
public record HookDefinition(
    String name, Trigger trigger, HookBody body, Set<String> requiredResourceKeys) {

  /** When a hook runs. */
  public enum Trigger {
    /** After a step succeeds. */
    SUCCESS,
    /** After a step fails for good (after its last retry). */
    FAILURE
  }

  /** The work of a hook. */
  @FunctionalInterface
  public interface HookBody {
    /**
     * Runs the hook.
     *
     * @param context the step the hook runs after
     * @throws Exception any failure; it becomes a {@code HOOK_ERRORED} event
     */
    void run(HookContext context) throws Exception;
  }

  /** Validates the components. */
  public HookDefinition {
    Objects.requireNonNull(name, "hook name");
    Objects.requireNonNull(trigger, "hook trigger");
    Objects.requireNonNull(body, "hook body");
    requiredResourceKeys = Set.copyOf(requiredResourceKeys);
  }

  /**
   * A hook that runs after every successful step.
   *
   * @param name the hook's name
   * @param body what it does
   * @param requiredResourceKeys the resources it uses
   * @return the hook
   */
  public static HookDefinition onSuccess(
      String name, HookBody body, String... requiredResourceKeys) {
    return new HookDefinition(name, Trigger.SUCCESS, body, Set.of(requiredResourceKeys));
  }

  /**
   * A hook that runs after every failed step.
   *
   * @param name the hook's name
   * @param body what it does
   * @param requiredResourceKeys the resources it uses
   * @return the hook
   */
  public static HookDefinition onFailure(
      String name, HookBody body, String... requiredResourceKeys) {
    return new HookDefinition(name, Trigger.FAILURE, body, Set.of(requiredResourceKeys));
  }
}
