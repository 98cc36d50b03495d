package io.pipewright.codelocation.worker;

import io.pipewright.codelocation.service.LoadedDefinitions;
import io.pipewright.core.launch.StepExecutionArgs;
import io.pipewright.protocol.mapping.StepArgsCodec;
import io.pipewright.sdk.config.EnvLookup;
import io.pipewright.sdk.execution.Sleeper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The {@code execute-step} command: reads its arguments and environment, picks the event sink, runs
 * the step with {@link StepWorker} and turns the outcome into an {@link ExitCode}. Everything it
 * says to people goes to standard error; standard output carries only events (when there is no
 * event ingest).
 *
 * <pre>
 * execute-step --args &lt;base64&gt;          the StepArgsCodec text
 * execute-step --args-file &lt;path&gt;       the same text, in a file (for large arguments)
 *
 * PIPEWRIGHT_INGEST_URL     the event ingest's base URL, when the arguments carry none
 * PIPEWRIGHT_INGEST_TOKEN   the attempt's token; required with an ingest URL
 * </pre>
 */
public final class StepWorkerCommand {

  /** The command's name, the first program argument. */
  public static final String NAME = "execute-step";

  /** The environment variable with the ingest's base URL. */
  public static final String INGEST_URL_ENV = "PIPEWRIGHT_INGEST_URL";

  /** The environment variable with the attempt's ingest token. */
  public static final String INGEST_TOKEN_ENV = "PIPEWRIGHT_INGEST_TOKEN";

  /** How to call the command. */
  public static final String USAGE =
      "Usage: execute-step (--args <text> | --args-file <path>)\n"
          + "  Runs one attempt of one step of a run and exits.\n"
          + "  --args <text>       the step's arguments, as StepArgsCodec.encode wrote them\n"
          + "  --args-file <path>  a file holding that text (for arguments over 100,000"
          + " characters)\n"
          + "Environment:\n"
          + "  "
          + INGEST_URL_ENV
          + "    the event ingest's base URL, when the arguments carry none;\n"
          + "                           without one, events are written to standard output as"
          + " JSON lines\n"
          + "  "
          + INGEST_TOKEN_ENV
          + "  the attempt's token for the event ingest\n"
          + "Exit codes: 0 succeeded or skipped, 1 step failed, 2 bad invocation, 3 events not"
          + " delivered,\n"
          + "            4 up for retry, 5 the worker crashed.";

  private StepWorkerCommand() {}

  /** A parsed invocation: the arguments and where the events go. */
  record Invocation(StepExecutionArgs args, String ingestUrl, String token) {}

  /**
   * Runs the command.
   *
   * @param argv the arguments after {@code execute-step}
   * @param env the process environment
   * @param definitions loads the location's definitions (called once the arguments are valid)
   * @param locationName the location this process serves, when known
   * @param events where events go when there is no ingest (the real standard output)
   * @param err where messages for people go
   * @return the exit code
   */
  public static int run(
      List<String> argv,
      Map<String, String> env,
      Supplier<LoadedDefinitions> definitions,
      Optional<String> locationName,
      PrintStream events,
      PrintStream err) {
    if (argv.size() == 1 && (argv.get(0).equals("--help") || argv.get(0).equals("-h"))) {
      err.println(USAGE);
      return ExitCode.SUCCESS.code();
    }
    Invocation invocation;
    try {
      invocation = parse(argv, env);
    } catch (IllegalArgumentException e) {
      err.println("execute-step: " + e.getMessage());
      err.println();
      err.println(USAGE);
      return ExitCode.BAD_INVOCATION.code();
    }
    StepExecutionArgs args = invocation.args();
    String what =
        "step '"
            + args.stepKey()
            + "' of run "
            + args.runId()
            + " (job '"
            + args.jobName()
            + "', attempt "
            + args.attempt()
            + ")";
    StepEventSink sink = null;
    try {
      sink =
          invocation.ingestUrl() == null
              ? new JsonLinesEventSink(events)
              : new HttpIngestEventSink(
                  invocation.ingestUrl(),
                  invocation.token(),
                  args.runId(),
                  args.stepKey(),
                  args.attempt(),
                  HttpIngestOptions.defaults(),
                  Sleeper.SYSTEM);
      StepWorker worker =
          new StepWorker(
              definitions.get(),
              locationName,
              EnvLookup.system(),
              Clock.systemUTC(),
              () -> ThreadLocalRandom.current().nextDouble());
      StepWorker.Result result = worker.run(args, sink);
      err.println(
          "execute-step: "
              + what
              + " "
              + result.summary()
              + " (exit "
              + result.exitCode().code()
              + ")");
      return result.exitCode().code();
    } catch (RuntimeException | Error e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.println("execute-step: the worker failed while running " + what + ": " + trace);
      if (sink != null) {
        sink.close();
      }
      return ExitCode.WORKER_CRASHED.code();
    }
  }

  /**
   * Parses the arguments and environment.
   *
   * @throws IllegalArgumentException with what is wrong
   */
  static Invocation parse(List<String> argv, Map<String, String> env) {
    String text = null;
    String source = null;
    for (int i = 0; i < argv.size(); i++) {
      String arg = argv.get(i);
      String option = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        option = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      if (!option.equals("--args") && !option.equals("--args-file")) {
        throw new IllegalArgumentException(
            "unknown argument '" + arg + "'; give --args or --args-file.");
      }
      if (value == null) {
        if (i + 1 >= argv.size()) {
          throw new IllegalArgumentException(option + " needs a value.");
        }
        value = argv.get(++i);
      }
      if (text != null) {
        throw new IllegalArgumentException(
            "give the step's arguments once, with --args or --args-file, not both or twice.");
      }
      source = option.equals("--args") ? "--args" : "--args-file " + value;
      text = option.equals("--args") ? value : readFile(value);
    }
    if (text == null) {
      throw new IllegalArgumentException(
          "the step's arguments are missing; give --args <text> or --args-file <path>.");
    }
    StepExecutionArgs args;
    try {
      args = StepArgsCodec.decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot read " + source + ": " + e.getMessage(), e);
    }
    String envUrl = blankToNull(env.get(INGEST_URL_ENV));
    if (args.ingestUrl() == null && envUrl != null) {
      try {
        args = args.withIngestUrl(envUrl);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(INGEST_URL_ENV + ": " + e.getMessage(), e);
      }
    }
    String url = args.ingestUrl();
    String token = blankToNull(env.get(INGEST_TOKEN_ENV));
    if (url != null && token == null) {
      throw new IllegalArgumentException(
          "events go to the event ingest at "
              + url
              + ", which needs the attempt's token in the environment variable "
              + INGEST_TOKEN_ENV
              + " (never on the command line); set it, or leave out the ingest URL to write"
              + " events to standard output.");
    }
    return new Invocation(args, url, token);
  }

  private static String readFile(String path) {
    try {
      return Files.readString(Path.of(path), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot read --args-file " + path + " (" + e + "); is the file mounted?", e);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
