package io.pipewright.core.launch;

import io.pipewright.core.internal.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a {@link StepLauncher} needs to start one step attempt. The daemon builds it; the launcher
 * treats the command as opaque and only decides where and how it runs. An immutable value.
 *
 * <p><b>Built lazily.</b> The worker's command and environment (its {@link Invocation}) may be
 * given as a supplier ({@link Builder#invocation(Supplier)}), which the first call of {@link
 * #command()} or {@link #environment()} runs, once, on whichever thread asks: a launcher that
 * creates its workers on its own threads thereby takes the cost of encoding a thousand attempts'
 * arguments and signing their tokens off the caller's thread, which hands a fan-out over in a few
 * milliseconds. The supplier must therefore be thread-safe and depend on nothing that changes after
 * the request was built. When it fails, {@link #command()} and {@link #environment()} throw its
 * failure (the same one on every call): an {@link IllegalArgumentException} means the request can
 * never be started (a launcher answers {@link AttemptFailureReason#CONFIG_ERROR}).
 *
 * <p>{@link #toString()} never shows environment values: the environment carries the attempt's
 * secret ingest token, and requests end up in log lines and assertion messages. Nor does it build a
 * lazy invocation.
 */
public final class LaunchRequest {

  private static final String RECORD = "LaunchRequest";

  private final AttemptId attempt;
  private final String codeLocation;
  private final String image;
  private final Map<String, String> tags;

  /** The invocation once built, or the failure building it threw; null until then. */
  private volatile Object built;

  /** Builds the invocation; null once built. Guarded by {@code this}. */
  private Supplier<Invocation> pending;

  /**
   * Creates a request whose command and environment are known.
   *
   * @param attempt the attempt to start; not null
   * @param codeLocation the name of the code location whose code runs the step; non-blank
   * @param image the container image of that code location; null for launchers that run no images
   *     (the local-process launcher)
   * @param command the worker's command line arguments, built by the daemon; not empty
   * @param environment environment variables for the worker, including its per-attempt token; no
   *     null keys or values
   * @param tags the op's tags, from which adapters read per-op platform config (resources, node
   *     selectors); no null keys or values
   * @throws IllegalArgumentException when a component is missing or invalid, naming it
   */
  public LaunchRequest(
      AttemptId attempt,
      String codeLocation,
      String image,
      List<String> command,
      Map<String, String> environment,
      Map<String, String> tags) {
    this(attempt, codeLocation, image, tags, null);
    this.built = validated(new Invocation(command, environment));
  }

  private LaunchRequest(
      AttemptId attempt,
      String codeLocation,
      String image,
      Map<String, String> tags,
      Supplier<Invocation> lazily) {
    Checks.require(attempt, RECORD, "attempt");
    Checks.requireNonBlank(codeLocation, RECORD, attempt, "codeLocation");
    Checks.optionalNonBlank(image, RECORD, attempt, "image");
    this.attempt = attempt;
    this.codeLocation = codeLocation;
    this.image = image;
    this.tags = Checks.tags(tags, RECORD, attempt, "tags");
    synchronized (this) {
      // Under the lock that build() takes: the thread that builds sees the supplier.
      this.pending = lazily;
    }
  }

  private Invocation validated(Invocation invocation) {
    if (invocation == null) {
      throw new IllegalArgumentException(
          Checks.where(RECORD, attempt) + " needs a command: its invocation was built as null");
    }
    List<String> command = Checks.list(invocation.command(), RECORD, attempt, "command");
    if (command.isEmpty()) {
      throw new IllegalArgumentException(
          Checks.where(RECORD, attempt)
              + " needs a command: the worker's arguments, such as [execute-step, ...]");
    }
    return new Invocation(
        command, Checks.tags(invocation.environment(), RECORD, attempt, "environment"));
  }

  /**
   * Starts a request for an attempt.
   *
   * @param attempt the attempt to start
   * @param codeLocation the code location's name
   * @return a builder
   */
  public static Builder builder(AttemptId attempt, String codeLocation) {
    return new Builder(attempt, codeLocation);
  }

  /**
   * The attempt to start.
   *
   * @return the attempt
   */
  public AttemptId attempt() {
    return attempt;
  }

  /**
   * The name of the code location whose code runs the step.
   *
   * @return the name
   */
  public String codeLocation() {
    return codeLocation;
  }

  /**
   * The container image of the code location.
   *
   * @return the image, or null for launchers that run no images
   */
  public String image() {
    return image;
  }

  /**
   * The op's tags, from which adapters read per-op platform config.
   *
   * @return the tags
   */
  public Map<String, String> tags() {
    return tags;
  }

  /**
   * The worker's command line arguments; builds the invocation when it is lazy and not built yet.
   *
   * @return the arguments, not empty
   * @throws IllegalArgumentException when the invocation cannot be built (arguments too long, an
   *     invalid run): the request can never be started
   * @throws RuntimeException whatever else building the invocation threw
   */
  public List<String> command() {
    return invocation().command();
  }

  /**
   * Environment variables for the worker, including its per-attempt token; builds the invocation
   * when it is lazy and not built yet.
   *
   * @return the variables
   * @throws IllegalArgumentException when the invocation cannot be built
   * @throws RuntimeException whatever else building the invocation threw
   */
  public Map<String, String> environment() {
    return invocation().environment();
  }

  /**
   * The worker's command and environment, built (once) if they are not yet.
   *
   * @return the invocation
   * @throws IllegalArgumentException when it cannot be built
   * @throws RuntimeException whatever else building it threw
   */
  public Invocation invocation() {
    Object done = built;
    if (done == null) {
      done = build();
    }
    if (done instanceof RuntimeException failure) {
      throw failure;
    }
    return (Invocation) done;
  }

  private synchronized Object build() {
    Object done = built;
    if (done != null) {
      return done;
    }
    try {
      done = validated(pending.get());
    } catch (RuntimeException e) {
      done = e;
    }
    pending = null;
    built = done;
    return done;
  }

  /**
   * Tells whether the invocation is built (given, or its supplier run).
   *
   * @return true once {@link #command()} can answer without building
   */
  public boolean isBuilt() {
    return built != null;
  }

  /** Equal when every component is: builds both invocations. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof LaunchRequest other)) {
      return false;
    }
    return attempt.equals(other.attempt)
        && codeLocation.equals(other.codeLocation)
        && Objects.equals(image, other.image)
        && tags.equals(other.tags)
        && sameInvocation(other);
  }

  private boolean sameInvocation(LaunchRequest other) {
    Object mine = resolved();
    Object theirs = other.resolved();
    return mine instanceof Invocation && mine.equals(theirs);
  }

  private Object resolved() {
    Object done = built;
    return done == null ? build() : done;
  }

  @Override
  public int hashCode() {
    return Objects.hash(attempt, codeLocation, image, tags);
  }

  /** Shows everything except environment values, which may be secrets; builds nothing. */
  @Override
  public String toString() {
    Object done = built;
    String invocation;
    if (done instanceof Invocation i) {
      invocation =
          "command="
              + i.command()
              + ", environment="
              + i.environment().keySet()
              + " (values hidden)";
    } else if (done instanceof RuntimeException) {
      invocation = "command=(could not be built), environment=(none)";
    } else {
      invocation = "command=(not built yet), environment=(not built yet)";
    }
    return "LaunchRequest[attempt="
        + attempt
        + ", codeLocation="
        + codeLocation
        + ", image="
        + image
        + ", "
        + invocation
        + ", tags="
        + tags
        + "]";
  }

  /**
   * How the worker is started: its command line arguments and environment.
   *
   * @param command the worker's command line arguments; not empty (checked by the request)
   * @param environment environment variables for the worker, including its per-attempt token (a
   *     secret: {@link #toString()} hides the values)
   */
  public record Invocation(List<String> command, Map<String, String> environment) {

    /** Shows the variables' names only. */
    @Override
    public String toString() {
      return "Invocation[command="
          + command
          + ", environment="
          + (environment == null ? null : environment.keySet())
          + " (values hidden)]";
    }
  }

  /** Builds a {@link LaunchRequest}; not thread-safe. */
  public static final class Builder {
    private final AttemptId attempt;
    private final String codeLocation;
    private String image;
    private final List<String> command = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private Supplier<Invocation> lazily;

    private Builder(AttemptId attempt, String codeLocation) {
      this.attempt = attempt;
      this.codeLocation = codeLocation;
    }

    /**
     * Sets the container image.
     *
     * @param value the image reference, or null for none
     * @return this builder
     */
    public Builder image(String value) {
      this.image = value;
      return this;
    }

    /**
     * Replaces the worker's arguments.
     *
     * @param arguments the arguments, in order
     * @return this builder
     */
    public Builder command(List<String> arguments) {
      command.clear();
      command.addAll(arguments);
      return this;
    }

    /**
     * Adds one environment variable.
     *
     * @param name the variable's name
     * @param value its value (may be a secret)
     * @return this builder
     */
    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /**
     * Has the worker's command and environment built when first asked for, instead of the ones
     * given by {@link #command} and {@link #environment}: see the class comment.
     *
     * @param supplier builds them, once, on any thread; thread-safe
     * @return this builder
     */
    public Builder invocation(Supplier<Invocation> supplier) {
      this.lazily = Objects.requireNonNull(supplier, "supplier must not be null");
      return this;
    }

    /**
     * Adds tags.
     *
     * @param values the tags to add
     * @return this builder
     */
    public Builder tags(Map<String, String> values) {
      tags.putAll(values);
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws IllegalArgumentException when a component is missing or invalid, naming it (a lazy
     *     invocation is checked when it is built)
     */
    public LaunchRequest build() {
      if (lazily == null) {
        return new LaunchRequest(attempt, codeLocation, image, command, environment, tags);
      }
      return new LaunchRequest(attempt, codeLocation, image, tags, lazily);
    }
  }
}
