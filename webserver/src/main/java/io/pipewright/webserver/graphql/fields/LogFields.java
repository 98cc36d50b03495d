package io.pipewright.webserver.graphql.fields;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.logs.ComputeLogStore;
import io.pipewright.core.logs.LogChunk;
import io.pipewright.core.logs.LogStream;
import io.pipewright.webserver.graphql.BadArgumentException;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.graphql.RootFieldRegistry;
import io.pipewright.webserver.graphql.RootFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Compute logs ({@code capturedLogs}, {@code capturedLogsMetadata}): what a step attempt wrote to
 * stdout and stderr, from the configured {@link ComputeLogStore}.
 *
 * <p>A log key is Dagster's {@code [runId, "compute_logs", stepKey]}, which reads the step's latest
 * attempt, or {@code [runId, "compute_logs", stepKey, attempt]} for one attempt. The cursor is
 * Dagster's: the byte offsets reached in stdout and stderr, {@code "<stdout>:<stderr>"}.
 */
@ApplicationScoped
public class LogFields implements RootFields {

  /** Bytes per stream answered when no limit is given. */
  public static final int DEFAULT_LIMIT = 1_000_000;

  /** The largest limit accepted, in bytes per stream. */
  public static final int MAX_LIMIT = 10_000_000;

  private static final String NAMESPACE = "compute_logs";

  private final ComputeLogStore logs;

  /**
   * Creates the fields.
   *
   * @param logs the compute logs
   */
  @Inject
  public LogFields(ComputeLogStore logs) {
    this.logs = logs;
  }

  @Override
  public void register(RootFieldRegistry registry) {
    registry
        .query(
            "capturedLogs",
            env ->
                capturedLogs(
                    env.getArgument("logKey"), env.getArgument("cursor"), env.getArgument("limit")))
        .query("capturedLogsMetadata", env -> metadata(env.getArgument("logKey")));
  }

  private GqlObject capturedLogs(List<String> logKey, String cursor, Integer limit) {
    AttemptId attempt = attempt(logKey);
    long[] offsets = cursor(cursor);
    int size = limit(limit);
    GqlObject result = GqlObject.of("CapturedLogs").put("logKey", logKey);
    if (attempt == null) {
      return result.put("stdout", null).put("stderr", null).put("cursor", cursor);
    }
    LogChunk stdout = logs.read(attempt, LogStream.STDOUT, offsets[0], size);
    LogChunk stderr = logs.read(attempt, LogStream.STDERR, offsets[1], size);
    return result
        .put("stdout", stdout.text())
        .put("stderr", stderr.text())
        .put("cursor", stdout.nextOffset() + ":" + stderr.nextOffset());
  }

  private GqlObject metadata(List<String> logKey) {
    AttemptId attempt = attempt(logKey);
    String where =
        attempt == null
            ? null
            : "run "
                + attempt.runId()
                + ", step "
                + attempt.stepKey()
                + ", attempt "
                + attempt.attempt();
    return GqlObject.of("CapturedLogsMetadata")
        .put("stdoutDownloadUrl", null)
        .put("stdoutLocation", where == null ? null : where + ", stdout")
        .put("stderrDownloadUrl", null)
        .put("stderrLocation", where == null ? null : where + ", stderr");
  }

  /**
   * Reads a log key.
   *
   * @return the attempt, or null when the step has no log yet (no attempt stored)
   */
  private AttemptId attempt(List<String> logKey) {
    if (logKey == null
        || logKey.size() < 3
        || logKey.size() > 4
        || !NAMESPACE.equals(logKey.get(1))
        || logKey.get(0).isBlank()
        || logKey.get(2).isBlank()) {
      throw new BadArgumentException(
          "logKey "
              + logKey
              + " is not a compute log key; give [runId, \"compute_logs\", stepKey] for the step's"
              + " latest attempt, or [runId, \"compute_logs\", stepKey, attempt]");
    }
    String runId = logKey.get(0);
    String stepKey = logKey.get(2);
    if (logKey.size() == 4) {
      try {
        return new AttemptId(runId, stepKey, Integer.parseInt(logKey.get(3)));
      } catch (IllegalArgumentException e) {
        throw new BadArgumentException(
            "logKey's attempt '" + logKey.get(3) + "' is not an attempt number (1 or more)");
      }
    }
    AttemptId latest = null;
    for (AttemptId attempt : logs.attempts(runId)) {
      if (attempt.stepKey().equals(stepKey)
          && (latest == null || attempt.attempt() > latest.attempt())) {
        latest = attempt;
      }
    }
    return latest;
  }

  private static long[] cursor(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return new long[] {0, 0};
    }
    String[] parts = cursor.split(":", -1);
    try {
      if (parts.length == 2) {
        long stdout = Long.parseLong(parts[0]);
        long stderr = Long.parseLong(parts[1]);
        if (stdout >= 0 && stderr >= 0) {
          return new long[] {stdout, stderr};
        }
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new BadArgumentException(
        "cursor '"
            + cursor
            + "' is not a compute log cursor; pass the cursor of the previous answer"
            + " (\"<stdout bytes>:<stderr bytes>\"), or none to read from the start");
  }

  private static int limit(Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadArgumentException(
          "limit must be 1 to " + MAX_LIMIT + " bytes per stream, got " + limit);
    }
    return limit;
  }
}
