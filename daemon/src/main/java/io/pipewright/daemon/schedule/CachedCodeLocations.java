package io.pipewright.daemon.schedule;

import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.codelocation.CodeLocationException;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * {@link CodeLocations} over one client per location: a location's snapshot is loaded once and
 * kept; at most every {@code checkInterval} the server's id is asked (a cheap call), and a new id
 * (the server restarted, maybe with new code) loads the snapshot again. A location that does not
 * answer keeps its last snapshot, so that its schedules' ticks are attempted (and fail or wait) as
 * they would with the server down, rather than silently vanish.
 */
public final class CachedCodeLocations implements CodeLocations, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(CachedCodeLocations.class);

  private record Loaded(String serverId, CodeLocationSnapshot snapshot, Instant checkedAt) {}

  private final Map<String, CodeLocationClient> clients;
  private final Duration checkInterval;
  private final Clock clock;
  private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

  /**
   * Creates the cache.
   *
   * @param clients the clients, by location name; closed with this
   * @param checkInterval how often a location's server id is checked
   * @param clock the time of checks
   */
  public CachedCodeLocations(
      Map<String, CodeLocationClient> clients, Duration checkInterval, Clock clock) {
    this.clients = new LinkedHashMap<>(clients);
    this.checkInterval = checkInterval;
    this.clock = clock;
  }

  @Override
  public List<String> names() {
    return new ArrayList<>(clients.keySet());
  }

  @Override
  public Optional<CodeLocationClient> client(String location) {
    return Optional.ofNullable(clients.get(location));
  }

  @Override
  public Optional<CodeLocationSnapshot> snapshot(String location) {
    CodeLocationClient client = clients.get(location);
    if (client == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Loaded known = loaded.get(location);
    if (known != null && now.isBefore(known.checkedAt().plus(checkInterval))) {
      return Optional.of(known.snapshot());
    }
    synchronized (client) {
      known = loaded.get(location);
      if (known != null && now.isBefore(known.checkedAt().plus(checkInterval))) {
        return Optional.of(known.snapshot());
      }
      try {
        String serverId = client.serverId();
        if (known != null && serverId.equals(known.serverId())) {
          loaded.put(location, new Loaded(serverId, known.snapshot(), now));
          return Optional.of(known.snapshot());
        }
        CodeLocationSnapshot snapshot = client.snapshot();
        loaded.put(location, new Loaded(serverId, snapshot, now));
        LOG.infof(
            "Code location '%s' loaded: %d schedule(s), %d sensor(s)",
            location, snapshot.schedules().size(), snapshot.sensors().size());
        return Optional.of(snapshot);
      } catch (CodeLocationException e) {
        if (known != null) {
          // Keep the last snapshot; check again after the interval.
          loaded.put(location, new Loaded(known.serverId(), known.snapshot(), now));
          LOG.debugf("Code location '%s' does not answer (%s)", location, e.getMessage());
          return Optional.of(known.snapshot());
        }
        LOG.warnf(
            "Code location '%s' cannot be loaded (%s); its schedules and sensors wait",
            location, e.getMessage());
        return Optional.empty();
      }
    }
  }

  @Override
  public void close() {
    for (CodeLocationClient client : clients.values()) {
      client.close();
    }
  }
}
