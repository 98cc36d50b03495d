package io.pipewright.webserver.workspace;

import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.LoadError;
import io.pipewright.webserver.ErrorSnapshots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches a location's snapshot and decides what the load produced. Never throws: a server that is
 * down, a snapshot of another location and definitions that failed to load are all {@link
 * LocationEntry.Failed} outcomes, with a message that says what to fix.
 */
final class LocationLoader {

  /** The class name failed definitions are reported under. */
  static final String DEFINITIONS_ERROR = "io.pipewright.DefinitionsLoadError";

  /** The class name a snapshot of another location is reported under. */
  static final String WRONG_LOCATION_ERROR = "io.pipewright.WrongCodeLocationError";

  private LocationLoader() {}

  /**
   * Loads a location.
   *
   * @param address the location
   * @param client its client
   * @param now when the load finished
   * @return the outcome
   */
  static LocationEntry.Outcome load(
      LocationAddress address,
      CodeLocationClient client,
      java.util.function.Supplier<Instant> now) {
    CodeLocationSnapshot snapshot;
    try {
      snapshot = client.snapshot();
    } catch (RuntimeException e) {
      return new LocationEntry.Failed(ErrorSnapshots.of(e));
    }
    return judge(address, snapshot, now.get());
  }

  /**
   * Decides whether a fetched snapshot can serve queries for a location.
   *
   * @param address the location it was fetched for
   * @param snapshot the snapshot
   * @param at when it was fetched
   * @return loaded, or failed with the reason
   */
  static LocationEntry.Outcome judge(
      LocationAddress address, CodeLocationSnapshot snapshot, Instant at) {
    if (!snapshot.locationName().equals(address.name())) {
      return new LocationEntry.Failed(
          ErrorSnapshot.of(
              WRONG_LOCATION_ERROR,
              "Code location '"
                  + address.name()
                  + "' at "
                  + address.target()
                  + " serves the definitions of code location '"
                  + snapshot.locationName()
                  + "'. Point locations."
                  + address.name()
                  + " at the right server, or rename the location in the workspace or on the server"
                  + " (pipewright.code-location.name) so that the names match."));
    }
    if (!snapshot.loadErrors().isEmpty()) {
      return new LocationEntry.Failed(definitionsFailed(address, snapshot.loadErrors()));
    }
    return new LocationEntry.Loaded(new LoadedLocation(snapshot, at));
  }

  private static ErrorSnapshot definitionsFailed(LocationAddress address, List<LoadError> errors) {
    List<String> lines = new ArrayList<>(errors.size());
    for (LoadError error : errors) {
      lines.add("  - " + error.message());
    }
    return ErrorSnapshot.of(
        DEFINITIONS_ERROR,
        "Code location '"
            + address.name()
            + "' failed to load its definitions ("
            + errors.size()
            + (errors.size() == 1 ? " problem" : " problems")
            + "):\n"
            + String.join("\n", lines));
  }
}
