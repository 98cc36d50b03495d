package io.pipewright.codelocation.runtime;

import io.pipewright.codelocation.worker.StepWorkerCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Map;

/**
 * The entry point of every code location application (the server jar brings it; an application must
 * not declare another {@code @QuarkusMain}). One image, two roles:
 *
 * <ul>
 *   <li>no arguments, or {@code serve}: the gRPC code location server, until it is stopped;
 *   <li>{@code execute-step --args ...}: the step worker. It runs one attempt of one step and exits
 *       with the step's {@link io.pipewright.codelocation.worker.ExitCode}, in {@link StepMode}: no
 *       port bound, logs on standard error, and the location's snapshot never built.
 * </ul>
 *
 * <p>Both roles start the same Quarkus application, so that the step worker finds the {@code
 * Definitions} exactly as the server does (a CDI producer, or a {@code DefinitionsProvider}), with
 * the application's own configuration and native-image wiring. Quarkus starts in well under a
 * second in JVM mode (and milliseconds natively); the server's own start-up work, building the
 * snapshot, is what the worker skips.
 */
@QuarkusMain
public final class CodeLocationMain {

  CodeLocationMain() {}

  /**
   * Starts the server or runs a step.
   *
   * @param args the program arguments
   */
  public static void main(String... args) {
    if (args.length > 0 && args[0].equals(StepWorkerCommand.NAME)) {
      Map<String, String> previous = StepMode.enter();
      try {
        Quarkus.run(StepWorkerApplication.class, args);
      } finally {
        StepMode.restore(previous);
      }
      return;
    }
    if (args.length == 0 || (args.length == 1 && args[0].equals("serve"))) {
      Quarkus.run(args);
      return;
    }
    System.err.println(
        "Unknown command "
            + String.join(" ", args)
            + ". Commands: serve (the default: the code location server), or "
            + StepWorkerCommand.NAME
            + " (one step).\n\n"
            + StepWorkerCommand.USAGE);
    System.exit(2);
  }
}
