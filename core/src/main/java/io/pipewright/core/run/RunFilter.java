package io.pipewright.core.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which runs a query wants: Dagster's {@code RunsFilter}. Every part is optional; the parts that
 * are set must all match (a run matches {@code tags} when it has every given key with the given
 * value).
 *
 * @param runIds only these runs; empty for any
 * @param jobName only runs of this job; null for any
 * @param codeLocation only runs of this code location; null for any
 * @param statuses only runs in one of these statuses; empty for any
 * @param tags only runs having all these tags; empty for any
 * @param createdAfter only runs created strictly after this time; null for no bound
 * @param createdBefore only runs created strictly before this time; null for no bound
 * @param updatedAfter only runs updated strictly after this time; null for no bound
 * @param updatedBefore only runs updated strictly before this time; null for no bound
 * @param backfillId only runs launched by this backfill; null for any
 */
public record RunFilter(
    List<String> runIds,
    String jobName,
    String codeLocation,
    Set<RunStatus> statuses,
    Map<String, String> tags,
    Instant createdAfter,
    Instant createdBefore,
    Instant updatedAfter,
    Instant updatedBefore,
    String backfillId) {

  /** The filter that matches every run. */
  public static final RunFilter ALL = builder().build();

  /** Makes the collections immutable. */
  public RunFilter {
    runIds = runIds == null ? List.of() : List.copyOf(runIds);
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /**
   * Starts a filter.
   *
   * @return a builder matching every run until narrowed
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link RunFilter}. */
  public static final class Builder {
    private List<String> runIds = List.of();
    private String jobName;
    private String codeLocation;
    private Set<RunStatus> statuses = Set.of();
    private Map<String, String> tags = Map.of();
    private Instant createdAfter;
    private Instant createdBefore;
    private Instant updatedAfter;
    private Instant updatedBefore;
    private String backfillId;

    private Builder() {}

    /**
     * Restricts to the given run ids.
     *
     * @param value the ids
     * @return this builder
     */
    public Builder runIds(List<String> value) {
      this.runIds = value;
      return this;
    }

    /**
     * Restricts to one job.
     *
     * @param value the job name
     * @return this builder
     */
    public Builder jobName(String value) {
      this.jobName = value;
      return this;
    }

    /**
     * Restricts to one code location.
     *
     * @param value the location name
     * @return this builder
     */
    public Builder codeLocation(String value) {
      this.codeLocation = value;
      return this;
    }

    /**
     * Restricts to the given statuses.
     *
     * @param value the statuses
     * @return this builder
     */
    public Builder statuses(Set<RunStatus> value) {
      this.statuses = value;
      return this;
    }

    /**
     * Restricts to runs having all the given tags.
     *
     * @param value the tags
     * @return this builder
     */
    public Builder tags(Map<String, String> value) {
      this.tags = value;
      return this;
    }

    /**
     * Restricts to runs created after a time.
     *
     * @param value the exclusive bound
     * @return this builder
     */
    public Builder createdAfter(Instant value) {
      this.createdAfter = value;
      return this;
    }

    /**
     * Restricts to runs created before a time.
     *
     * @param value the exclusive bound
     * @return this builder
     */
    public Builder createdBefore(Instant value) {
      this.createdBefore = value;
      return this;
    }

    /**
     * Restricts to runs updated after a time.
     *
     * @param value the exclusive bound
     * @return this builder
     */
    public Builder updatedAfter(Instant value) {
      this.updatedAfter = value;
      return this;
    }

    /**
     * Restricts to runs updated before a time.
     *
     * @param value the exclusive bound
     * @return this builder
     */
    public Builder updatedBefore(Instant value) {
      this.updatedBefore = value;
      return this;
    }

    /**
     * Restricts to runs of one backfill.
     *
     * @param value the backfill id
     * @return this builder
     */
    public Builder backfillId(String value) {
      this.backfillId = value;
      return this;
    }

    /**
     * Creates the filter.
     *
     * @return the filter
     */
    public RunFilter build() {
      return new RunFilter(
          runIds,
          jobName,
          codeLocation,
          statuses,
          tags,
          createdAfter,
          createdBefore,
          updatedAfter,
          updatedBefore,
          backfillId);
    }
  }
}
