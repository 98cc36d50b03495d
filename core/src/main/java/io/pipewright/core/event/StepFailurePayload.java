package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import java.util.List;

/**
 * Payload of {@link DagsterEventType#STEP_FAILURE} (the sdk's {@code StepFailureData}).
 *
 * @param error the error that failed the step; not null
 * @param errorSource where the error came from; not null
 * @param userFailureMetadata the metadata of a failure the op raised on purpose
 */
public record StepFailurePayload(
    ErrorSnapshot error, ErrorSource errorSource, List<MetadataEntrySnapshot> userFailureMetadata)
    implements EventPayload {

  /** Where a step failure came from (the sdk's {@code ErrorSource}, Dagster's names). */
  public enum ErrorSource {
    /** User code threw. */
    USER_CODE_ERROR,
    /** The framework detected a problem, such as invalid config. */
    FRAMEWORK_ERROR,
    /** Something failed that no one anticipated. */
    UNEXPECTED_ERROR,
    /** Execution was interrupted. */
    INTERRUPT
  }

  /** Validates and copies the components. */
  public StepFailurePayload {
    Checks.require(error, "StepFailurePayload", "error");
    Checks.require(errorSource, "StepFailurePayload", "errorSource");
    userFailureMetadata = MetadataEntrySnapshot.copyOf(userFailureMetadata, "StepFailurePayload");
  }
}
