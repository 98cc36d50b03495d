package io.pipewright.examples.etl;

import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.DefinitionsException;
import io.pipewright.sdk.config.EnvLookup;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.event.EventFormatter;
import io.pipewright.sdk.event.LogLevel;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.execution.RunConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs an example job in this JVM and prints its event log: what {@code bin/pipewright-local demo
 * etl} runs (the local deployment runs the same jobs through the daemon instead).
 *
 * <p>Usage: {@code Main [job] [--config run-config.json] [--details]}. The job defaults to {@code
 * orders_etl}. {@code WAREHOUSE_PASSWORD} is read from the environment, with a demo value when
 * unset.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the example.
   *
   * @param args the job name, {@code --config FILE}, {@code --details}
   * @throws IOException when the config file cannot be read
   */
  public static void main(String[] args) throws IOException {
    String jobName = "orders_etl";
    RunConfig runConfig = RunConfig.empty();
    boolean details = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> runConfig = RunConfig.fromJson(Files.readString(Path.of(args[++i])));
        case "--details" -> details = true;
        default -> jobName = args[i];
      }
    }
    Alerts alerts = new Alerts();
    Definitions defs;
    try {
      defs = OrdersEtl.definitions(alerts);
    } catch (DefinitionsException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    boolean printDetails = details;
    System.out.println(
        "Pipewright (in process): running job " + jobName + " from the example code location");
    System.out.println("Jobs here: " + String.join(", ", defs.jobNames()));
    System.out.println();
    ExecutionResult result;
    try {
      result =
          JobExecution.of(defs.job(jobName))
              .runConfig(runConfig)
              .env(demoEnv())
              .listener(
                  e -> {
                    // Resource set-up and hook lines are DEBUG; --details shows them too.
                    if (printDetails) {
                      System.out.println(EventFormatter.formatWithDetails(e));
                    } else if (e.level().isAtLeast(LogLevel.INFO)) {
                      System.out.println(EventFormatter.format(e));
                    }
                  })
              .execute();
    } catch (RunConfigException | DefinitionsException | java.util.NoSuchElementException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.out.println();
    System.out.println(
        "Run "
            + result.runId()
            + (result.isSuccess() ? " succeeded" : " failed: " + result.failedSteps())
            + " ("
            + result.events().size()
            + " events).");
    alerts.posted().forEach(a -> System.out.println("Alert: " + a));
    System.exit(result.isSuccess() ? 0 : 1);
  }

  private static EnvLookup demoEnv() {
    EnvLookup system = EnvLookup.system();
    return name ->
        system
            .get(name)
            .or(() -> name.equals("WAREHOUSE_PASSWORD") ? Optional.of("demo") : Optional.empty());
  }
}
