package io.pipewright.sdk.event;

import java.util.Objects;

/**
 * Payload of {@link EventType#ASSET_CHECK_EVALUATION}.
 *
 * @param evaluation the check's outcome
 */
public record AssetCheckEvaluationData(AssetCheckEvaluation evaluation) implements EventData {
  /** Validates the components. */
  public AssetCheckEvaluationData {
    Objects.requireNonNull(evaluation, "evaluation");
  }
}
