package io.pipewright.codelocation.service;

import io.pipewright.codelocation.snapshot.JobAssets;
import io.pipewright.core.snapshot.LoadError;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.JobDefinition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of loading a location's definitions: the definitions, or the errors that prevented
 * them. A location whose definitions failed to load still runs and serves its errors.
 */
public final class LoadedDefinitions {

  private final Definitions definitions;
  private final JobAssets assets;
  private final List<LoadError> errors;

  /** The implicit asset job over every asset, or why there is none; compiled on first use. */
  private volatile Object implicitAssetJob;

  private LoadedDefinitions(Definitions definitions, List<LoadError> errors) {
    this.definitions = definitions;
    this.assets = definitions == null ? null : new JobAssets(definitions);
    this.errors = List.copyOf(errors);
  }

  /**
   * Returns definitions that loaded.
   *
   * @param definitions the definitions
   * @return the outcome
   */
  public static LoadedDefinitions loaded(Definitions definitions) {
    return new LoadedDefinitions(Objects.requireNonNull(definitions, "definitions"), List.of());
  }

  /**
   * Returns the outcome of definitions that failed to load.
   *
   * @param errors what went wrong, at least one
   * @return the outcome
   */
  public static LoadedDefinitions failed(List<LoadError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("A failed load needs at least one load error");
    }
    return new LoadedDefinitions(null, errors);
  }

  /**
   * Returns the definitions.
   *
   * @return the definitions, or empty when they failed to load
   */
  public Optional<Definitions> definitions() {
    return Optional.ofNullable(definitions);
  }

  /**
   * Returns what went wrong while loading.
   *
   * @return the load errors; empty when the definitions loaded
   */
  public List<LoadError> errors() {
    return errors;
  }

  /**
   * Returns the definitions, for a call that needs them.
   *
   * @return the definitions
   * @throws RequestRejectedException when they failed to load, listing the load errors
   */
  public Definitions require() {
    if (definitions == null) {
      throw RequestRejectedException.definitionsNotLoaded(describeErrors());
    }
    return definitions;
  }

  /**
   * Returns the index of the jobs' assets.
   *
   * @return the index
   * @throws RequestRejectedException when the definitions failed to load
   */
  JobAssets assets() {
    require();
    return assets;
  }

  /**
   * Returns the implicit asset job over every asset, compiled once: for a large location the
   * compilation takes tens of milliseconds, and hosts plan with this job often.
   *
   * @param compile compiles the job, or throws why it cannot be
   * @return the job
   * @throws RequestRejectedException when the assets cannot run as one job
   */
  JobDefinition implicitAssetJob(java.util.function.Supplier<JobDefinition> compile) {
    Object cached = implicitAssetJob;
    if (cached == null) {
      try {
        cached = compile.get();
      } catch (RequestRejectedException e) {
        cached = e;
      }
      implicitAssetJob = cached;
    }
    if (cached instanceof RequestRejectedException rejected) {
      throw rejected;
    }
    return (JobDefinition) cached;
  }

  /**
   * Renders the load errors as one message.
   *
   * @return the message, naming every error
   */
  public String describeErrors() {
    StringBuilder message =
        new StringBuilder("The definitions of this code location failed to load (")
            .append(errors.size())
            .append(errors.size() == 1 ? " problem):" : " problems):");
    int i = 1;
    for (LoadError error : errors) {
      message.append("\n  ").append(i++).append(". ").append(error.message());
    }
    return message.append("\nFix them and restart the location.").toString();
  }
}
