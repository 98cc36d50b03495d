package io.pipewright.codelocation.worker;

import io.pipewright.codelocation.runtime.DefinitionsLoader;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * The step worker without Quarkus: a plain {@code main} for applications whose definitions come
 * from a {@link io.pipewright.codelocation.DefinitionsProvider} (CDI producers need the Quarkus
 * application, {@code CodeLocationMain}). It starts in the time the JVM and the definitions take,
 * and is what tests launch as a child process from their class path:
 *
 * <pre>
 * java -cp &lt;class path&gt; io.pipewright.codelocation.worker.StepWorkerMain execute-step --args ...
 * </pre>
 *
 * <p>The location's name, when {@code PIPEWRIGHT_CODE_LOCATION_NAME} is set, is checked against the
 * arguments' as the Quarkus application checks its configured name.
 */
public final class StepWorkerMain {

  private StepWorkerMain() {}

  /**
   * Runs one step and exits with its exit code.
   *
   * @param args {@code execute-step} and its options
   */
  public static void main(String[] args) {
    if (args.length == 0 || !args[0].equals(StepWorkerCommand.NAME)) {
      System.err.println(StepWorkerCommand.USAGE);
      System.exit(ExitCode.BAD_INVOCATION.code());
    }
    PrintStream events = System.out;
    System.setOut(System.err);
    String name = System.getenv("PIPEWRIGHT_CODE_LOCATION_NAME");
    int code =
        StepWorkerCommand.run(
            Arrays.asList(args).subList(1, args.length),
            System.getenv(),
            () -> DefinitionsLoader.fromServiceLoader(StepWorkerMain.class.getClassLoader()),
            Optional.ofNullable(name == null || name.isBlank() ? null : name),
            events,
            System.err);
    events.flush();
    System.exit(code);
  }
}
