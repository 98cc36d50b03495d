package io.pipewright.daemon.schedule;

import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * The code locations the daemon evaluates schedules and sensors in and plans runs with: a client
 * per location and its latest snapshot. Thread-safe.
 */
public interface CodeLocations {

  /**
   * Lists the locations' names.
   *
   * @return the names, in configuration order
   */
  List<String> names();

  /**
   * Returns a location's latest snapshot, loading it when none is known or the server restarted.
   *
   * @param location the location
   * @return the snapshot, or empty when the location is unknown or has not answered yet
   */
  Optional<CodeLocationSnapshot> snapshot(String location);

  /**
   * Returns a location's client.
   *
   * @param location the location
   * @return the client, or empty when the location is unknown
   */
  Optional<CodeLocationClient> client(String location);
}
