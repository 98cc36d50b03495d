package io.pipewright.daemon.launch.local;

import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.storage.files.FileComputeLogStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a worker process: the command line, its wrapper, its environment and its output. */
final class WorkerProcesses {

  /**
   * Runs the worker ({@code "$@"}) and writes its exit code to the file given first, atomically,
   * then exits with the same code.
   */
  static final String WRAPPER =
      "f=$1; shift; \"$@\"; c=$?; printf '%s\\n' \"$c\" > \"$f.tmp\" && mv -f \"$f.tmp\" \"$f\";"
          + " exit \"$c\"";

  private static final File NO_INPUT = new File("/dev/null");

  private WorkerProcesses() {}

  /**
   * Starts {@code /bin/sh -c WRAPPER pipewright-step <exit file> <worker command> <arguments>}.
   *
   * @param exitFile where the wrapper writes the worker's exit code
   * @param command the location's worker command
   * @param request the attempt's arguments and environment
   * @param inherited the daemon's variables the worker inherits
   * @param logs the files its standard output and error are appended to
   * @return the wrapper's process
   * @throws IOException when it cannot be started
   */
  static Process start(
      Path exitFile,
      WorkerCommand command,
      LaunchRequest request,
      List<String> inherited,
      FileComputeLogStore.LogFiles logs)
      throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add("/bin/sh");
    argv.add("-c");
    argv.add(WRAPPER);
    argv.add("pipewright-step");
    argv.add(exitFile.toString());
    argv.addAll(command.command());
    argv.addAll(request.command());
    ProcessBuilder builder = new ProcessBuilder(argv);
    if (command.workingDirectory() != null) {
      builder.directory(command.workingDirectory().toFile());
    }
    Map<String, String> env = builder.environment();
    Map<String, String> daemons = Map.copyOf(env);
    env.clear();
    for (String name : inherited) {
      String value = daemons.get(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.putAll(command.environment());
    env.putAll(request.environment());
    builder.redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logs.stdout().toFile()));
    builder.redirectError(ProcessBuilder.Redirect.appendTo(logs.stderr().toFile()));
    return builder.start();
  }
}
