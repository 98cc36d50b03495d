package io.pipewright.daemon.orchestrator;

import io.pipewright.core.auth.AttemptClaims;
import io.pipewright.core.auth.AttemptTokens;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.KnownState;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.StepExecutionArgs;
import io.pipewright.core.orchestration.StepLaunch;
import io.pipewright.core.run.Run;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.protocol.mapping.StepArgsCodec;
import io.pipewright.storage.files.AttemptPaths;
import io.pipewright.storage.files.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the {@link LaunchRequest} of a step attempt: the worker's arguments ({@code execute-step
 * --args <StepArgsCodec text>}), its per-attempt ingest token and the event ingest's URL in its
 * environment.
 *
 * <p>The token (when a secret is configured) lets the worker write this attempt's events and
 * nothing else; it never appears on the command line. Without an ingest URL the worker writes its
 * events to standard output, which the local launcher's ingester reads.
 */
public final class LaunchRequests {

  /** The worker's command. */
  public static final String EXECUTE_STEP = "execute-step";

  /** The environment variable of the attempt's token. */
  public static final String TOKEN_ENV = "PIPEWRIGHT_INGEST_TOKEN";

  private final AttemptTokens tokens;
  private final Duration tokenLifetime;
  private final String ingestUrl;
  private final Path argsDirectory;
  private final Clock clock;
  private final ImageChooser images;

  /** Chooses the container image of a run's step pods (launchers that run images). */
  @FunctionalInterface
  public interface ImageChooser {

    /**
     * The image of a run's step pods.
     *
     * @param location the run's code location
     * @param job the run's job
     * @param fromPlan the image the run's stored execution plan names, or null
     * @return the image; null for launchers that run no images
     * @throws IllegalArgumentException when there is none, saying what to set
     */
    String image(String location, String job, String fromPlan);
  }

  /**
   * Creates the builder.
   *
   * @param tokens issues the attempts' tokens; null to issue none (events on standard output)
   * @param tokenLifetime how long a token is valid (longer than any attempt runs)
   * @param ingestUrl the event ingest's base URL; null for events on standard output
   * @param argsDirectory where arguments too long for a command line are written (the worker must
   *     be able to read it: local launchers only); null to refuse such launches
   * @param clock the time tokens are issued at
   */
  public LaunchRequests(
      AttemptTokens tokens,
      Duration tokenLifetime,
      String ingestUrl,
      Path argsDirectory,
      Clock clock) {
    this(tokens, tokenLifetime, ingestUrl, argsDirectory, clock, (location, job, plan) -> null);
  }

  /**
   * Creates the builder for a launcher that runs images (Kubernetes).
   *
   * @param tokens issues the attempts' tokens; null to issue none (events on standard output)
   * @param tokenLifetime how long a token is valid (longer than any attempt runs)
   * @param ingestUrl the event ingest's base URL; null for events on standard output
   * @param argsDirectory where arguments too long for a command line are written; null to refuse
   *     such launches
   * @param clock the time tokens are issued at
   * @param images chooses the container image of a run's steps
   */
  public LaunchRequests(
      AttemptTokens tokens,
      Duration tokenLifetime,
      String ingestUrl,
      Path argsDirectory,
      Clock clock,
      ImageChooser images) {
    this.images = Objects.requireNonNull(images, "images must not be null");
    this.tokens = tokens;
    this.tokenLifetime = Objects.requireNonNull(tokenLifetime, "tokenLifetime must not be null");
    this.ingestUrl = ingestUrl == null || ingestUrl.isBlank() ? null : ingestUrl.strip();
    if (this.ingestUrl != null && tokens == null) {
      throw new IllegalArgumentException(
          "Events go to the ingest at "
              + this.ingestUrl
              + ", which needs per-attempt tokens: set pipewright.ingest.token-secret (base64, the"
              + " same as the webserver's), or leave out the ingest URL to read events from the"
              + " workers' standard output");
    }
    this.argsDirectory = argsDirectory;
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
  }

  /**
   * Builds the request of one attempt.
   *
   * @param run the run
   * @param launch the orchestrator's launch command
   * @param known what the worker needs to know of finished steps
   * @return the request
   * @throws IllegalArgumentException when the arguments cannot be built (an invalid run)
   */
  public LaunchRequest build(Run run, StepLaunch launch, KnownState known) {
    return build(run, null, launch, known);
  }

  /**
   * Builds the request of one attempt of a run whose plan is known.
   *
   * @param run the run
   * @param plan the run's stored execution plan (it names the image of its step pods); null when
   *     unknown
   * @param launch the orchestrator's launch command
   * @param known what the worker needs to know of finished steps
   * @return the request
   * @throws IllegalArgumentException when the arguments cannot be built (an invalid run, no image)
   */
  public LaunchRequest build(
      Run run, ExecutionPlanSnapshot plan, StepLaunch launch, KnownState known) {
    return forRun(run, plan).build(launch, known);
  }

  /**
   * Prepares the requests of many attempts of one run (the steps one decision launches): what is
   * the same for all of them (the run's part of the arguments, the image) is worked out once. Never
   * throws: a run whose requests cannot be built fails each {@link ForRun#build} instead.
   *
   * @param run the run
   * @param plan the run's stored execution plan (it names the image of its step pods); null when
   *     unknown
   * @return the run's request builder
   */
  public ForRun forRun(Run run, ExecutionPlanSnapshot plan) {
    return new ForRun(Objects.requireNonNull(run, "run must not be null"), plan);
  }

  /**
   * Builds the requests of one run's attempts; from {@link #forRun}. Holds the run as it was when
   * prepared: prepare again once the run changed.
   */
  public final class ForRun {

    private final Run run;
    private final StepArgsCodec.RunEncoder encoder;
    private final String image;
    private final RuntimeException problem;

    private ForRun(Run run, ExecutionPlanSnapshot plan) {
      this.run = run;
      StepArgsCodec.RunEncoder prepared = null;
      String chosen = null;
      RuntimeException failed = null;
      try {
        // The run's part of every attempt's arguments; the step fields are the encoder's per call.
        prepared =
            StepArgsCodec.forRun(
                StepExecutionArgs.builder(run.runId(), run.jobName(), "any")
                    .codeLocationName(run.codeLocation())
                    .runConfig(run.runConfig())
                    .opSelection(run.opSelection())
                    .assetSelection(run.assetSelection())
                    .partitionKey(run.partitionKey())
                    .reexecutionOf(
                        run.parentRunId(),
                        run.parentRunId() == null ? List.of() : run.stepKeysToExecute())
                    .runTags(run.tags())
                    .ingestUrl(ingestUrl)
                    .build());
        chosen =
            images.image(
                run.codeLocation(), run.jobName(), plan == null ? null : plan.containerImage());
      } catch (RuntimeException e) {
        failed = e;
      }
      this.encoder = prepared;
      this.image = chosen;
      this.problem = failed;
    }

    /**
     * Builds the request of one attempt, arguments and token included.
     *
     * @param launch the orchestrator's launch command, for an attempt of this run
     * @param known what the worker needs to know of finished steps
     * @return the request
     * @throws IllegalArgumentException when the arguments cannot be built (an invalid run, no
     *     image, arguments too long)
     */
    public LaunchRequest build(StepLaunch launch, KnownState known) {
      LaunchRequest request = prepare(launch, known);
      request.invocation(); // Throws what building it threw.
      return request;
    }

    /**
     * Prepares the request of one attempt without building its invocation: the worker's arguments
     * (the {@link StepArgsCodec} text, maybe a file) and its token are made when the launcher first
     * asks for them ({@link LaunchRequest#command()}), on the launcher's thread. What fails for the
     * whole run (no image, an invalid run) fails here; what fails for the attempt alone (arguments
     * too long) fails the launcher's question, which it answers rejected. The token's lifetime
     * counts from now.
     *
     * @param launch the orchestrator's launch command, for an attempt of this run
     * @param known what the worker needs to know of finished steps (an immutable value)
     * @return the request
     * @throws IllegalArgumentException when the run's requests cannot be built (an invalid run, no
     *     image), or the launch is of another run
     */
    public LaunchRequest prepare(StepLaunch launch, KnownState known) {
      if (problem != null) {
        throw problem;
      }
      AttemptId id = launch.attempt();
      if (!id.runId().equals(run.runId())) {
        throw new IllegalArgumentException(
            "The launch of "
                + id
                + " is not of run "
                + run.runId()
                + ", which this builder is for");
      }
      Instant expiresAt = tokens == null ? null : clock.instant().plus(tokenLifetime);
      return LaunchRequest.builder(id, run.codeLocation())
          .image(image)
          .tags(launch.tags())
          .invocation(() -> invocation(id, known, expiresAt))
          .build();
    }

    /** The worker's arguments and token: on the launcher's thread (thread-safe). */
    private LaunchRequest.Invocation invocation(AttemptId id, KnownState known, Instant expiresAt) {
      String encoded = encoder.encode(id.stepKey(), id.attempt(), known);
      List<String> command = new ArrayList<>(3);
      command.add(EXECUTE_STEP);
      if (StepArgsCodec.fitsOnCommandLine(encoded)) {
        command.add("--args");
        command.add(encoded);
      } else {
        command.add("--args-file");
        command.add(writeArgs(id, encoded).toString());
      }
      Map<String, String> environment =
          tokens == null
              ? Map.of()
              : Map.of(
                  TOKEN_ENV,
                  tokens.issue(
                      new AttemptClaims(id.runId(), id.stepKey(), id.attempt(), expiresAt)));
      return new LaunchRequest.Invocation(command, environment);
    }
  }

  private Path writeArgs(AttemptId id, String encoded) {
    if (argsDirectory == null) {
      throw new IllegalArgumentException(
          "The arguments of "
              + id
              + " are "
              + encoded.length()
              + " characters long, more than a command line takes ("
              + StepArgsCodec.MAX_ARGUMENT_CHARS
              + "), and this launcher cannot pass them in a file. Make the run config smaller.");
    }
    Path file = AttemptPaths.of(argsDirectory, id).resolve("args");
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Files2.writeAtomically(file, encoded);
    return file;
  }
}
