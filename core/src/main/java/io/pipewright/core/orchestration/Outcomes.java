package io.pipewright.core.orchestration;

import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepFailurePayload.ErrorSource;
import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.step.InfrastructureRetryPolicy;
import io.pipewright.core.step.RetryDecision;
import io.pipewright.core.step.RetryVerdict;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * What the daemon decides for an attempt whose process ended without a final event, or that never
 * started: the rules of "infra vs user failure" in {@code docs/architecture.md}. Each decision is
 * written as the event a worker would have written (or an engine event for an infrastructure retry)
 * and applied to the view through the same path as events read from the log.
 */
final class Outcomes {

  /** Error class names of the failures the daemon writes, so that UIs and alerts can tell them. */
  static final String WORKER_FAILURE = "io.pipewright.StepWorkerFailure";

  static final String INFRASTRUCTURE_FAILURE = "io.pipewright.InfrastructureFailure";
  static final String CONFIGURATION_ERROR = "io.pipewright.LaunchConfigurationError";
  static final String INTERRUPTED = "io.pipewright.StepInterrupted";

  private Outcomes() {}

  /** The grace period of an EXITED attempt ran out: decide from the launcher's report. */
  static void decideExit(
      RunFold progress, Cycle out, StepNode.Attempt attempt, DoubleSupplier random) {
    AttemptStatus exit = attempt.exit;
    AttemptFailureReason reason =
        switch (exit.phase()) {
          case FAILED -> exit.reason();
          // Stopped, but not by us (we only stop attempts of canceling runs): someone deleted it.
          case TERMINATED -> AttemptFailureReason.DELETED;
          default -> null; // Exit code 0 without a final event: the worker broke its contract.
        };
    String detail = describe(exit, reason);
    if (reason == null || reason.kind() == AttemptFailureReason.Kind.STEP) {
      decideStepFailure(progress, out, attempt, detail, random);
    } else if (reason.isInfrastructure()) {
      decideInfrastructure(progress, out, attempt, reason, detail);
    } else {
      ErrorSnapshot error =
          ErrorSnapshot.of(
              CONFIGURATION_ERROR,
              "The worker of step \""
                  + attempt.id.stepKey()
                  + "\" (attempt "
                  + attempt.number()
                  + ") cannot be started as specified, "
                  + reason
                  + ": "
                  + detail
                  + " Not retried: the same request would fail again. Fix the code location's"
                  + " deployment (image, secrets, resources) and re-execute."
                  + logTail(exit));
      progress.emit(
          out, DaemonEvents.failure(attempt.id, out.now, error, ErrorSource.FRAMEWORK_ERROR));
    }
  }

  /** The step's own process failed: the op's retry policy decides, as after a raised error. */
  private static void decideStepFailure(
      RunFold progress, Cycle out, StepNode.Attempt attempt, String detail, DoubleSupplier random) {
    StepNode node = attempt.node;
    String message =
        "The worker of step \""
            + attempt.id.stepKey()
            + "\" (attempt "
            + attempt.number()
            + ") ended without reporting the step's outcome: "
            + detail;
    RetryVerdict verdict =
        RetryDecision.afterStepFailure(node.template.retryPolicy(), node.retriesUsed, random);
    if (verdict.isRetry()) {
      progress.emit(
          out,
          DaemonEvents.upForRetry(
              attempt.id,
              out.now,
              ErrorSnapshot.of(WORKER_FAILURE, message + logTail(attempt.exit)),
              verdict.retryNumber(),
              verdict.delay()));
    } else {
      ErrorSnapshot error =
          ErrorSnapshot.of(
              WORKER_FAILURE,
              message + " Not retried: " + verdict.reason() + "." + logTail(attempt.exit));
      progress.emit(
          out, DaemonEvents.failure(attempt.id, out.now, error, ErrorSource.UNEXPECTED_ERROR));
    }
  }

  /** The platform failed the attempt: the infrastructure budget decides. */
  static void decideInfrastructure(
      RunFold progress,
      Cycle out,
      StepNode.Attempt attempt,
      AttemptFailureReason reason,
      String detail) {
    InfrastructureRetryPolicy budget = progress.settings.infrastructureRetries();
    RetryVerdict verdict =
        RetryDecision.afterInfrastructureFailure(budget, attempt.node.infrastructureRetriesUsed);
    if (verdict.isRetry()) {
      progress.emit(
          out,
          DaemonEvents.infrastructureFailure(
              attempt.id,
              out.now,
              reason,
              detail,
              verdict.delay(),
              verdict.retryNumber(),
              budget.maxRetries()));
    } else {
      ErrorSnapshot error =
          ErrorSnapshot.of(
              INFRASTRUCTURE_FAILURE,
              "The worker of step \""
                  + attempt.id.stepKey()
                  + "\" (attempt "
                  + attempt.number()
                  + ") failed for an infrastructure reason, "
                  + reason
                  + ": "
                  + detail
                  + " Not retried: "
                  + verdict.reason()
                  + "."
                  + logTail(attempt.exit));
      progress.emit(
          out, DaemonEvents.failure(attempt.id, out.now, error, ErrorSource.UNEXPECTED_ERROR));
    }
  }

  /** The STEP_FAILURE of an attempt stopped because its run was canceled. */
  static EventRecord interrupted(StepNode.Attempt attempt, Instant now) {
    return DaemonEvents.failure(
        attempt.id,
        now,
        ErrorSnapshot.of(
            INTERRUPTED,
            "Step \""
                + attempt.id.stepKey()
                + "\" (attempt "
                + attempt.number()
                + ") was stopped because the run was canceled."),
        ErrorSource.INTERRUPT);
  }

  /** One sentence about how the process ended. */
  static String describe(AttemptStatus exit, AttemptFailureReason reason) {
    StringBuilder text = new StringBuilder();
    if (reason == null) {
      text.append("its process exited with code 0 without a final event");
    } else {
      text.append(reason);
      if (exit.exitCode() != null) {
        text.append(", exit code ").append(exit.exitCode());
      }
      if (exit.message() != null && !exit.message().isBlank()) {
        text.append(" (").append(exit.message().strip()).append(')');
      }
    }
    return text.append('.').toString();
  }

  /** The attempt's last log lines, indented on lines of their own, or nothing. */
  static String logTail(AttemptStatus exit) {
    if (exit == null || exit.lastLogLines().isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("\nLast log lines:");
    for (String line : exit.lastLogLines()) {
      text.append("\n  ").append(line);
    }
    return text.toString();
  }
}
