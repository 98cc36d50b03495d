package io.pipewright.core.orchestration;

import io.pipewright.core.step.InfrastructureRetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * The daemon's knobs for driving runs.
 *
 * @param infrastructureRetries the per-step budget for infrastructure failures
 * @param exitGracePeriod how long to wait, after the launcher reports that a process that may have
 *     run ended, for the worker's final event before deciding the outcome from the exit alone
 * @param startTimeout how long an attempt may take from the launch decision to running before it
 *     counts as an infrastructure failure ({@code START_TIMEOUT})
 * @param terminateTimeout how long a canceling run waits for its attempts to stop before it fails
 *     with the attempts that would not stop
 * @param maxConcurrentSteps how many attempts of one run may be live at once; 0 for no limit
 */
public record OrchestrationSettings(
    InfrastructureRetryPolicy infrastructureRetries,
    Duration exitGracePeriod,
    Duration startTimeout,
    Duration terminateTimeout,
    int maxConcurrentSteps) {

  /**
   * The defaults: {@link InfrastructureRetryPolicy#DEFAULT}, a 10 s exit grace period (event
   * batches are flushed before a worker exits, so this only covers the daemon reading the log
   * late), a 10 min start timeout (large images pull slowly), a 2 min terminate timeout, no step
   * limit.
   */
  public static final OrchestrationSettings DEFAULTS =
      new OrchestrationSettings(
          InfrastructureRetryPolicy.DEFAULT,
          Duration.ofSeconds(10),
          Duration.ofMinutes(10),
          Duration.ofMinutes(2),
          0);

  /** Validates the components. */
  public OrchestrationSettings {
    Objects.requireNonNull(
        infrastructureRetries, "OrchestrationSettings needs infrastructureRetries, got null");
    positive(exitGracePeriod, "exitGracePeriod", true);
    positive(startTimeout, "startTimeout", false);
    positive(terminateTimeout, "terminateTimeout", false);
    if (maxConcurrentSteps < 0) {
      throw new IllegalArgumentException(
          "OrchestrationSettings needs maxConcurrentSteps of 0 (no limit) or more, got "
              + maxConcurrentSteps);
    }
  }

  /**
   * Returns a builder starting from {@link #DEFAULTS}.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private static void positive(Duration value, String name, boolean zeroAllowed) {
    if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
      throw new IllegalArgumentException(
          "OrchestrationSettings needs a "
              + (zeroAllowed ? "non-negative " : "positive ")
              + name
              + ", got "
              + value);
    }
  }

  /** Builds {@link OrchestrationSettings}; not thread-safe. */
  public static final class Builder {
    private InfrastructureRetryPolicy infrastructureRetries = DEFAULTS.infrastructureRetries;
    private Duration exitGracePeriod = DEFAULTS.exitGracePeriod;
    private Duration startTimeout = DEFAULTS.startTimeout;
    private Duration terminateTimeout = DEFAULTS.terminateTimeout;
    private int maxConcurrentSteps = DEFAULTS.maxConcurrentSteps;

    private Builder() {}

    /**
     * Sets the infrastructure retry budget.
     *
     * @param value the budget
     * @return this builder
     */
    public Builder infrastructureRetries(InfrastructureRetryPolicy value) {
      this.infrastructureRetries = value;
      return this;
    }

    /**
     * Sets the exit grace period.
     *
     * @param value the period
     * @return this builder
     */
    public Builder exitGracePeriod(Duration value) {
      this.exitGracePeriod = value;
      return this;
    }

    /**
     * Sets the start timeout.
     *
     * @param value the timeout
     * @return this builder
     */
    public Builder startTimeout(Duration value) {
      this.startTimeout = value;
      return this;
    }

    /**
     * Sets the terminate timeout.
     *
     * @param value the timeout
     * @return this builder
     */
    public Builder terminateTimeout(Duration value) {
      this.terminateTimeout = value;
      return this;
    }

    /**
     * Sets how many attempts of one run may be live at once.
     *
     * @param value the limit; 0 for none
     * @return this builder
     */
    public Builder maxConcurrentSteps(int value) {
      this.maxConcurrentSteps = value;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     */
    public OrchestrationSettings build() {
      return new OrchestrationSettings(
          infrastructureRetries,
          exitGracePeriod,
          startTimeout,
          terminateTimeout,
          maxConcurrentSteps);
    }
  }
}
