package io.pipewright.webserver.workspace;

import io.pipewright.core.snapshot.ErrorSnapshot;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One code location of the workspace as queries see it at a moment: where it is, whether a load is
 * in progress, and the outcome of its last load (Dagster's {@code WorkspaceLocationEntry}).
 *
 * <p>A location that is down is an entry with an error, never an exception: queries list it with
 * its error, and lookups of its jobs say why they fail.
 *
 * @param address where the location's server listens
 * @param loading whether a load is in progress; the previous outcome stays visible meanwhile
 * @param outcome the last load's outcome; null before the first load finished
 * @param updatedAt when the entry last changed
 */
public record LocationEntry(
    LocationAddress address, boolean loading, Outcome outcome, Instant updatedAt) {

  /** Validates the components. */
  public LocationEntry {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (!loading && outcome == null) {
      throw new IllegalArgumentException(
          "LocationEntry '" + address.name() + "' is neither loading nor loaded");
    }
  }

  /** What the last load of a location produced. */
  public sealed interface Outcome permits Loaded, Failed {}

  /**
   * The definitions loaded.
   *
   * @param location the indexed snapshot
   */
  public record Loaded(LoadedLocation location) implements Outcome {
    /** Validates the location. */
    public Loaded {
      Objects.requireNonNull(location, "location");
    }
  }

  /**
   * The location could not be loaded: its server is down, or its definitions failed to load.
   *
   * @param error what went wrong, as the API shows it (a {@code PythonError})
   */
  public record Failed(ErrorSnapshot error) implements Outcome {
    /** Validates the error. */
    public Failed {
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * Returns the location's name.
   *
   * @return the name
   */
  public String name() {
    return address.name();
  }

  /**
   * Returns the loaded location, if the last load succeeded.
   *
   * @return the location, or empty
   */
  public Optional<LoadedLocation> location() {
    return outcome instanceof Loaded loaded ? Optional.of(loaded.location()) : Optional.empty();
  }

  /**
   * Returns the load error, if the last load failed.
   *
   * @return the error, or empty
   */
  public Optional<ErrorSnapshot> error() {
    return outcome instanceof Failed failed ? Optional.of(failed.error()) : Optional.empty();
  }

  /**
   * Returns this entry with a load in progress.
   *
   * @param at when the load started
   * @return the entry
   */
  LocationEntry startLoading(Instant at) {
    return new LocationEntry(address, true, outcome, at);
  }

  /**
   * Returns this entry with a finished load.
   *
   * @param result what the load produced
   * @param at when it finished
   * @return the entry
   */
  LocationEntry finish(Outcome result, Instant at) {
    return new LocationEntry(address, false, result, at);
  }
}
