package io.pipewright.sdk.metadata;

/**
 * A metadata value pointing at a run.
 *
 * @param runId the run's id; not blank
 */
public record RunIdValue(String runId) implements MetadataValue {

  /**
   * Validates the value.
   *
   * @param runId the run's id; not blank
   * @throws IllegalArgumentException if {@code runId} is null or blank
   */
  public RunIdValue {
    if (runId == null || runId.isBlank()) {
      throw new IllegalArgumentException(
          "A run metadata value needs a non-blank run id, got "
              + (runId == null ? "null" : '"' + runId + '"'));
    }
  }

  /**
   * Returns {@code "PipelineRunMetadataEntry"}, Dagster's (legacy) name for run metadata.
   *
   * @return the Dagster GraphQL type name
   */
  @Override
  public String dagsterTypeName() {
    return "PipelineRunMetadataEntry";
  }

  /**
   * Returns the run id.
   *
   * @return the rendering
   */
  @Override
  public String display() {
    return runId;
  }
}
