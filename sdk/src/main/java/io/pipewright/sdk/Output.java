package io.pipewright.sdk;

import io.pipewright.sdk.metadata.Metadata;

/**
 * A value an op returns for one output, with metadata about it (Dagster's {@code Output}).
 *
 * <p>Return a plain value when there is nothing to say about it; wrap it in {@code Output} to
 * attach metadata, which appears on the {@code STEP_OUTPUT} event and in the IO manager's context.
 *
 * @param value the output's value
 * @param metadata metadata about the value (row counts, paths, previews)
 */
public record Output(Object value, Metadata metadata) {

  /** Normalises a missing metadata to {@link Metadata#empty()}. */
  public Output {
    metadata = metadata == null ? Metadata.empty() : metadata;
  }

  /**
   * An output value without metadata.
   *
   * @param value the value
   * @return the output
   */
  public static Output of(Object value) {
    return new Output(value, Metadata.empty());
  }

  /**
   * An output value with metadata.
   *
   * @param value the value
   * @param metadata the metadata
   * @return the output
   */
  public static Output of(Object value, Metadata metadata) {
    return new Output(value, metadata);
  }
}
