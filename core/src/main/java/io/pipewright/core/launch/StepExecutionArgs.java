package io.pipewright.core.launch;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.UserJson;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/**
 * Everything a step worker needs to run one attempt of one step of a run (Dagster's {@code
 * ExecuteStepArgs}): which run, job and code location, the run's selection, config and partition,
 * the step and attempt, and what is known of the steps before it. The worker rebuilds the run's
 * execution plan from its own definitions and these arguments, exactly as the code location server
 * planned it for {@code GetExecutionPlan}, then runs the one step.
 *
 * <p>The protocol carries it as the {@code ExecuteStepArgs} message, encoded for the command line
 * by {@code StepArgsCodec}. Secrets never travel here: the attempt's ingest token comes from the
 * worker's environment.
 *
 * @param runId the run; non-blank
 * @param jobName the job, or the location's implicit asset job; non-blank
 * @param codeLocationName the code location whose image runs the step; non-blank
 * @param runConfig the run's config as the user gave it, in canonical {@link UserJson} form (the
 *     worker merges the job's default and the partition's config, as planning does)
 * @param opSelection the run's op selection clauses; empty for all ops
 * @param assetSelection the run's asset selection; empty for all of the job's
 * @param partitionKey the run's partition; may be null
 * @param parentRunId the run this one re-executes; may be null
 * @param stepKeysToExecute the steps this run executes when it re-executes some steps of its parent
 *     (the others' outputs are read from the parent run); empty for all steps
 * @param stepKey the step to run: {@code op}, {@code graph.op} or {@code op[mapping_key]};
 *     non-blank
 * @param attempt the attempt, from 1
 * @param runTags the run's tags
 * @param knownState what is known of the finished steps; null becomes {@link KnownState#empty()}
 * @param ingestUrl the base URL of the event ingest (such as {@code http://webserver:3000}); null
 *     when the worker writes its events to standard output or takes the URL from its environment
 */
public record StepExecutionArgs(
    String runId,
    String jobName,
    String codeLocationName,
    Map<String, Object> runConfig,
    List<String> opSelection,
    List<AssetKeySnapshot> assetSelection,
    String partitionKey,
    String parentRunId,
    List<String> stepKeysToExecute,
    String stepKey,
    int attempt,
    Map<String, String> runTags,
    KnownState knownState,
    String ingestUrl) {

  private static final String RECORD = "StepExecutionArgs";

  /** Validates and copies the components. */
  public StepExecutionArgs {
    Checks.requireNonBlank(runId, RECORD, "runId");
    Checks.requireNonBlank(jobName, RECORD, "jobName");
    Checks.requireNonBlank(codeLocationName, RECORD, "codeLocationName");
    runConfig = UserJson.canonicalObject(runConfig, "the run config of run " + runId);
    opSelection = Checks.list(opSelection, RECORD, "opSelection");
    assetSelection = Checks.distinctList(assetSelection, RECORD, "assetSelection");
    Checks.optionalNonBlank(partitionKey, RECORD, "partitionKey");
    Checks.optionalNonBlank(parentRunId, RECORD, "parentRunId");
    stepKeysToExecute = Checks.distinctList(stepKeysToExecute, RECORD, "stepKeysToExecute");
    if (!stepKeysToExecute.isEmpty() && parentRunId == null) {
      throw new IllegalArgumentException(
          "StepExecutionArgs of run "
              + runId
              + " executes only some steps "
              + stepKeysToExecute
              + " but has no parentRunId; the other steps' outputs are read from the parent run,"
              + " so give its id");
    }
    Checks.requireNonBlank(stepKey, RECORD, "stepKey");
    if (attempt < 1) {
      throw new IllegalArgumentException(
          "StepExecutionArgs of step "
              + stepKey
              + " needs an attempt of 1 or more, got "
              + attempt);
    }
    runTags = Checks.tags(runTags, RECORD, "runTags");
    knownState = knownState == null ? KnownState.empty() : knownState;
    Checks.optionalNonBlank(ingestUrl, RECORD, "ingestUrl");
    if (ingestUrl != null) {
      checkIngestUrl(ingestUrl);
    }
  }

  /**
   * Starts building the arguments of one attempt.
   *
   * @param runId the run
   * @param jobName the job
   * @param stepKey the step
   * @return the builder; attempt 1, nothing selected, empty config
   */
  public static Builder builder(String runId, String jobName, String stepKey) {
    return new Builder(runId, jobName, stepKey);
  }

  /**
   * The same arguments for another attempt of the step.
   *
   * @param newAttempt the attempt
   * @return the arguments
   */
  public StepExecutionArgs withAttempt(int newAttempt) {
    return new StepExecutionArgs(
        runId,
        jobName,
        codeLocationName,
        runConfig,
        opSelection,
        assetSelection,
        partitionKey,
        parentRunId,
        stepKeysToExecute,
        stepKey,
        newAttempt,
        runTags,
        knownState,
        ingestUrl);
  }

  /**
   * The same arguments with another event ingest.
   *
   * @param url the ingest's base URL, or {@code null} for none
   * @return the arguments
   * @throws IllegalArgumentException if the URL is not an http(s) base URL
   */
  public StepExecutionArgs withIngestUrl(String url) {
    return new StepExecutionArgs(
        runId,
        jobName,
        codeLocationName,
        runConfig,
        opSelection,
        assetSelection,
        partitionKey,
        parentRunId,
        stepKeysToExecute,
        stepKey,
        attempt,
        runTags,
        knownState,
        url);
  }

  private static void checkIngestUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "StepExecutionArgs has an ingestUrl that is not a URL (" + e.getMessage() + ")", e);
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || uri.getQuery() != null
        || uri.getFragment() != null) {
      throw new IllegalArgumentException(
          "StepExecutionArgs has ingestUrl \""
              + url
              + "\"; give the base URL of the event ingest, such as http://webserver:3000, without"
              + " query or fragment");
    }
  }

  /** Builds {@link StepExecutionArgs}. */
  public static final class Builder {
    private final String runId;
    private final String jobName;
    private final String stepKey;
    private String codeLocationName;
    private Map<String, Object> runConfig = Map.of();
    private List<String> opSelection = List.of();
    private List<AssetKeySnapshot> assetSelection = List.of();
    private String partitionKey;
    private String parentRunId;
    private List<String> stepKeysToExecute = List.of();
    private int attempt = 1;
    private Map<String, String> runTags = Map.of();
    private KnownState knownState = KnownState.empty();
    private String ingestUrl;

    private Builder(String runId, String jobName, String stepKey) {
      this.runId = runId;
      this.jobName = jobName;
      this.stepKey = stepKey;
    }

    /**
     * Sets the code location; required.
     *
     * @param name the location's name
     * @return this builder
     */
    public Builder codeLocationName(String name) {
      this.codeLocationName = name;
      return this;
    }

    /**
     * Sets the run config; empty by default.
     *
     * @param config a JSON object
     * @return this builder
     */
    public Builder runConfig(Map<String, ?> config) {
      this.runConfig = UserJson.canonicalObject(config, "the run config of run " + runId);
      return this;
    }

    /**
     * Sets the op selection; all ops by default.
     *
     * @param clauses op selection clauses
     * @return this builder
     */
    public Builder opSelection(List<String> clauses) {
      this.opSelection = clauses;
      return this;
    }

    /**
     * Sets the asset selection; all of the job's assets by default.
     *
     * @param keys the assets
     * @return this builder
     */
    public Builder assetSelection(List<AssetKeySnapshot> keys) {
      this.assetSelection = keys;
      return this;
    }

    /**
     * Sets the partition; none by default.
     *
     * @param key the partition key
     * @return this builder
     */
    public Builder partitionKey(String key) {
      this.partitionKey = key;
      return this;
    }

    /**
     * Makes the run a re-execution of a parent run.
     *
     * @param parent the parent run's id
     * @param stepKeys the steps the run executes; empty for all
     * @return this builder
     */
    public Builder reexecutionOf(String parent, List<String> stepKeys) {
      this.parentRunId = parent;
      this.stepKeysToExecute = stepKeys;
      return this;
    }

    /**
     * Sets the attempt; 1 by default.
     *
     * @param number the attempt, from 1
     * @return this builder
     */
    public Builder attempt(int number) {
      this.attempt = number;
      return this;
    }

    /**
     * Sets the run's tags.
     *
     * @param tags the tags
     * @return this builder
     */
    public Builder runTags(Map<String, String> tags) {
      this.runTags = tags;
      return this;
    }

    /**
     * Sets what is known of the finished steps.
     *
     * @param state the known state
     * @return this builder
     */
    public Builder knownState(KnownState state) {
      this.knownState = state;
      return this;
    }

    /**
     * Sets the event ingest's base URL.
     *
     * @param url the URL, such as {@code http://webserver:3000}
     * @return this builder
     */
    public Builder ingestUrl(String url) {
      this.ingestUrl = url;
      return this;
    }

    /**
     * Returns the arguments.
     *
     * @return the arguments
     * @throws IllegalArgumentException if a part is invalid
     */
    public StepExecutionArgs build() {
      return new StepExecutionArgs(
          runId,
          jobName,
          codeLocationName,
          runConfig,
          opSelection,
          assetSelection,
          partitionKey,
          parentRunId,
          stepKeysToExecute,
          stepKey,
          attempt,
          runTags,
          knownState,
          ingestUrl);
    }
  }
}
