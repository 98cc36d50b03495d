package io.pipewright.webserver.run;

import io.pipewright.core.snapshot.AssetKeySnapshot;
import java.util.List;
import java.util.Map;

/**
 * What to launch: a job of a code location, its selection, run config, tags and, for a
 * re-execution, its steps and lineage. Build one with {@link #builder}.
 *
 * @param locationName the code location
 * @param repositoryName the repository ({@code __repository__})
 * @param jobName the job
 * @param opSelection op selection clauses; empty for all ops
 * @param assetSelection assets to materialize; empty for all of the job's
 * @param runConfig the run config
 * @param tags the user's tags
 * @param stepKeys the steps to run; empty for all
 * @param parentRunId the run this one re-executes; null for a new run
 * @param rootRunId the first run of the re-execution chain; null for a new run
 * @param resumeRetry whether this is a re-execution from failure (tagged so)
 */
public record LaunchRequest(
    String locationName,
    String repositoryName,
    String jobName,
    List<String> opSelection,
    List<AssetKeySnapshot> assetSelection,
    Map<String, Object> runConfig,
    Map<String, String> tags,
    List<String> stepKeys,
    String parentRunId,
    String rootRunId,
    boolean resumeRetry) {

  /** Copies the collections. */
  public LaunchRequest {
    opSelection = opSelection == null ? List.of() : List.copyOf(opSelection);
    assetSelection = assetSelection == null ? List.of() : List.copyOf(assetSelection);
    runConfig = runConfig == null ? Map.of() : runConfig;
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    stepKeys = stepKeys == null ? List.of() : List.copyOf(stepKeys);
  }

  /**
   * Starts a request.
   *
   * @param locationName the code location
   * @param repositoryName the repository
   * @param jobName the job
   * @return the builder
   */
  public static Builder builder(String locationName, String repositoryName, String jobName) {
    return new Builder(locationName, repositoryName, jobName);
  }

  /** Builds a {@link LaunchRequest}. */
  public static final class Builder {
    private final String locationName;
    private final String repositoryName;
    private final String jobName;
    private List<String> opSelection = List.of();
    private List<AssetKeySnapshot> assetSelection = List.of();
    private Map<String, Object> runConfig = Map.of();
    private Map<String, String> tags = Map.of();
    private List<String> stepKeys = List.of();
    private String parentRunId;
    private String rootRunId;
    private boolean resumeRetry;

    private Builder(String locationName, String repositoryName, String jobName) {
      this.locationName = locationName;
      this.repositoryName = repositoryName;
      this.jobName = jobName;
    }

    /**
     * Sets the op selection.
     *
     * @param value the clauses
     * @return this builder
     */
    public Builder opSelection(List<String> value) {
      this.opSelection = value;
      return this;
    }

    /**
     * Sets the asset selection.
     *
     * @param value the keys
     * @return this builder
     */
    public Builder assetSelection(List<AssetKeySnapshot> value) {
      this.assetSelection = value;
      return this;
    }

    /**
     * Sets the run config.
     *
     * @param value the config
     * @return this builder
     */
    public Builder runConfig(Map<String, Object> value) {
      this.runConfig = value;
      return this;
    }

    /**
     * Sets the tags.
     *
     * @param value the tags
     * @return this builder
     */
    public Builder tags(Map<String, String> value) {
      this.tags = value;
      return this;
    }

    /**
     * Sets the steps to run.
     *
     * @param value the step keys
     * @return this builder
     */
    public Builder stepKeys(List<String> value) {
      this.stepKeys = value;
      return this;
    }

    /**
     * Sets the lineage of a re-execution.
     *
     * @param parent the parent run's id
     * @param root the root run's id
     * @return this builder
     */
    public Builder lineage(String parent, String root) {
      this.parentRunId = parent;
      this.rootRunId = root;
      return this;
    }

    /**
     * Marks a re-execution from failure.
     *
     * @param value whether it is one
     * @return this builder
     */
    public Builder resumeRetry(boolean value) {
      this.resumeRetry = value;
      return this;
    }

    /**
     * Returns the request.
     *
     * @return the request
     */
    public LaunchRequest build() {
      return new LaunchRequest(
          locationName,
          repositoryName,
          jobName,
          opSelection,
          assetSelection,
          runConfig,
          tags,
          stepKeys,
          parentRunId,
          rootRunId,
          resumeRetry);
    }
  }
}
