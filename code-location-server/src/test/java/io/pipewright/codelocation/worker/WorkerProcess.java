package io.pipewright.codelocation.worker;

import io.pipewright.codelocation.DefinitionsProvider;
import io.pipewright.codelocation.testlocation.WorkerLocation;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventRecord;
import io.pipewright.protocol.mapping.EventJsonLines;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@code execute-step} as a real child process: {@code java -cp <test class path>
 * StepWorkerMain execute-step ...}, with {@link WorkerLocation} registered for {@code
 * ServiceLoader} in a directory put first on the class path (not in the test resources, where it
 * would be seen by every test's class loader).
 */
final class WorkerProcess {

  /** How a process ended. */
  record Result(int exitCode, List<String> stdout, String stderr) {

    List<EventRecord> events() {
      List<EventRecord> events = new ArrayList<>();
      for (String line : stdout) {
        events.add(EventJsonLines.decode(line));
      }
      return events;
    }

    List<DagsterEventType> types() {
      return events().stream().map(EventRecord::type).toList();
    }

    EventRecord last() {
      List<EventRecord> events = events();
      return events.get(events.size() - 1);
    }
  }

  private final Path services;

  /**
   * Prepares the class path entry that registers the worker location.
   *
   * @param dir a temporary directory
   */
  WorkerProcess(Path dir) throws IOException {
    this.services = dir.resolve("services");
    Path file = services.resolve("META-INF/services/" + DefinitionsProvider.class.getName());
    Files.createDirectories(file.getParent());
    Files.writeString(file, WorkerLocation.class.getName() + "\n");
  }

  Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    String classPath =
        services
            + File.pathSeparator
            + System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A short-lived JVM: C1 only and the class data archive start it faster.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xshare:auto");
    command.add("-cp");
    command.add(classPath);
    command.add(StepWorkerMain.class.getName());
    command.add(StepWorkerCommand.NAME);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove(StepWorkerCommand.INGEST_URL_ENV);
    builder.environment().remove(StepWorkerCommand.INGEST_TOKEN_ENV);
    builder.environment().remove("PIPEWRIGHT_CODE_LOCATION_NAME");
    builder.environment().putAll(env);
    File err = File.createTempFile("worker", ".err");
    builder.redirectError(err);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("execute-step did not end within 120 s");
    }
    String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
    Files.delete(err.toPath());
    List<String> lines = new ArrayList<>();
    for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
    return new Result(process.exitValue(), lines, stderr);
  }
}
