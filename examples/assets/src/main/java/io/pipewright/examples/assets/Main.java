package io.pipewright.examples.assets;

import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.DefinitionsException;
import io.pipewright.sdk.event.EventFormatter;
import io.pipewright.sdk.event.LogLevel;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.io.IOManagers;
import java.nio.file.Path;
import java.util.List;

/**
 * Materializes the example asset graph in this JVM: the {@code daily_sales} job for the first days
 * (one run per partition), then every asset for the last day, printing that run's event log.
 *
 * <p>Usage: {@code Main [--details]}. Assets are stored under {@code
 * $PIPEWRIGHT_HOME/storage/sales}.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the example.
   *
   * @param args {@code --details} to print DEBUG events and metadata too
   */
  public static void main(String[] args) {
    boolean details = List.of(args).contains("--details");
    Path storage = IOManagers.defaultBaseDir().resolve("sales");
    Definitions defs;
    try {
      defs = SalesAssets.definitions(storage);
    } catch (DefinitionsException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.out.println("Pipewright (in process): materializing the example sales asset graph");
    System.out.println("Assets: " + defs.assetGraph().keys());
    System.out.println("Storage: " + storage);
    List<String> days =
        SalesAssets.DAILY.keys(
            io.pipewright.sdk.partition.PartitionContext.at(java.time.Instant.now()));
    boolean ok = true;
    for (String day : days.subList(0, days.size() - 1)) {
      ExecutionResult run = JobExecution.of(defs.job("daily_sales")).partitionKey(day).execute();
      ok &= run.isSuccess();
      System.out.println(
          "  daily_sales "
              + day
              + ": "
              + (run.isSuccess() ? "succeeded" : "failed " + run.failedSteps())
              + " ("
              + run.eventsOfType(io.pipewright.sdk.event.EventType.ASSET_MATERIALIZATION).size()
              + " materializations)");
    }
    String last = days.get(days.size() - 1);
    System.out.println();
    System.out.println("Materializing every asset (\"*\") for partition " + last + ":");
    ExecutionResult result =
        JobExecution.materialize(defs, "*")
            .partitionKey(last)
            .listener(
                e -> {
                  if (details) {
                    System.out.println(EventFormatter.formatWithDetails(e));
                  } else if (e.level().isAtLeast(LogLevel.INFO)) {
                    System.out.println(EventFormatter.format(e));
                  }
                })
            .execute();
    ok &= result.isSuccess();
    System.out.println();
    if (result.isSuccess()) {
      System.out.println(result.assetValue(SalesAssets.REPORT));
    }
    System.out.println(
        "Run "
            + result.runId()
            + (result.isSuccess() ? " succeeded" : " failed: " + result.failedSteps())
            + ".");
    System.exit(ok ? 0 : 1);
  }
}
