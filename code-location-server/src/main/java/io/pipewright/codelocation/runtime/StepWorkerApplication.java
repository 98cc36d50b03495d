package io.pipewright.codelocation.runtime;

import io.pipewright.codelocation.worker.StepWorkerCommand;
import io.pipewright.sdk.Definitions;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * The step worker inside the Quarkus application ({@code execute-step}): loads the definitions from
 * CDI as the server does, runs {@link StepWorkerCommand} and returns its exit code, which Quarkus
 * exits with. A bean (kept although nothing injects it), so that Quarkus creates it without
 * reflection.
 */
@Singleton
@Unremovable
public class StepWorkerApplication implements QuarkusApplication {

  private final Instance<Definitions> definitions;
  private final CodeLocationConfig config;

  /**
   * Creates the application.
   *
   * @param definitions the CDI beans of type {@code Definitions}
   * @param config the location's name
   */
  @Inject
  public StepWorkerApplication(Instance<Definitions> definitions, CodeLocationConfig config) {
    this.definitions = definitions;
    this.config = config;
  }

  @Override
  public int run(String... args) {
    // Standard output carries the events when there is no ingest: whatever user code prints goes
    // to standard error instead, so that every line of standard output is an event.
    PrintStream events = System.out;
    System.setOut(System.err);
    try {
      return StepWorkerCommand.run(
          Arrays.asList(args).subList(1, args.length),
          System.getenv(),
          () -> DefinitionsLoader.fromCdi(definitions),
          Optional.of(config.name()),
          events,
          System.err);
    } finally {
      System.setOut(events);
    }
  }
}
