package io.pipewright.sdk;

import io.pipewright.sdk.event.ErrorInfo;
import java.util.Optional;

/** What a success or failure hook sees of the step it runs after. */
public interface HookContext {
  /**
   * The run's id.
   *
   * @return the run id
   */
  String runId();

  /**
   * The job's name.
   *
   * @return the job name
   */
  String jobName();

  /**
   * The step the hook runs after.
   *
   * @return the step key
   */
  String stepKey();

  /**
   * The op definition's name.
   *
   * @return the op name
   */
  String opName();

  /**
   * The step's error, for a failure hook.
   *
   * @return the error, or empty after a success
   */
  Optional<ErrorInfo> error();

  /**
   * The step's logger.
   *
   * @return the logger
   */
  OpLogger log();

  /**
   * A resource the hook required.
   *
   * @param key the resource key
   * @param type the class of the resource's value
   * @param <T> the resource type
   * @return the resource's value
   */
  <T> T resource(String key, Class<T> type);
}
