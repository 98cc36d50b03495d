package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything a code location defines, as hosts (webserver, daemon) see it: they never load user
 * code, so this is all they know of it. Served by the location's {@code GetSnapshot}; cached by
 * hosts under its {@link #contentHash()}.
 *
 * <p>The lookups ({@link #job(String)}, {@link #asset(AssetKeySnapshot)}, ...) scan their list:
 * they are conveniences for tests and single calls; hosts that look up often build their own index.
 *
 * @param locationName the location's name, unique in the workspace; non-blank
 * @param serverId the id of the server process that made the snapshot; changes when it restarts;
 *     non-blank
 * @param containerImage the image the location's server and step workers run; null when not in a
 *     container (local development)
 * @param contentHash a hash of the definitions, equal for equal snapshots; non-blank
 * @param jobs the jobs, names unique
 * @param assets the assets, keys unique
 * @param assetChecks the asset checks, unique per asset and name
 * @param resources the location's top-level resources, keys unique
 * @param schedules the schedules, names unique
 * @param sensors the sensors, names unique
 * @param loadErrors the problems found when loading the definitions; the rest of the snapshot holds
 *     what could be loaded
 */
public record CodeLocationSnapshot(
    String locationName,
    String serverId,
    String containerImage,
    String contentHash,
    List<JobSnapshot> jobs,
    List<AssetNodeSnapshot> assets,
    List<AssetCheckSnapshot> assetChecks,
    List<ResourceSnapshot> resources,
    List<ScheduleSnapshot> schedules,
    List<SensorSnapshot> sensors,
    List<LoadError> loadErrors) {

  /** Validates and copies the components. */
  public CodeLocationSnapshot {
    Checks.requireNonBlank(locationName, "CodeLocationSnapshot", "locationName");
    String record = "CodeLocationSnapshot '" + locationName + "'";
    Checks.requireNonBlank(serverId, record, "serverId");
    Checks.optionalNonBlank(containerImage, record, "containerImage");
    Checks.requireNonBlank(contentHash, record, "contentHash");
    jobs = unique(jobs, JobSnapshot::name, record, "job");
    assets = unique(assets, AssetNodeSnapshot::key, record, "asset");
    assetChecks =
        unique(assetChecks, c -> c.asset().toUserString() + ":" + c.name(), record, "asset check");
    resources = unique(resources, ResourceSnapshot::key, record, "resource");
    schedules = unique(schedules, ScheduleSnapshot::name, record, "schedule");
    sensors = unique(sensors, SensorSnapshot::name, record, "sensor");
    loadErrors = Checks.list(loadErrors, record, "loadErrors");
  }

  /**
   * Returns the job of the given name.
   *
   * @param name the job's name
   * @return the job, or empty
   */
  public Optional<JobSnapshot> job(String name) {
    return find(jobs, j -> j.name().equals(name));
  }

  /**
   * Returns the asset of the given key.
   *
   * @param key the asset's key
   * @return the asset, or empty
   */
  public Optional<AssetNodeSnapshot> asset(AssetKeySnapshot key) {
    return find(assets, a -> a.key().equals(key));
  }

  /**
   * Returns the schedule of the given name.
   *
   * @param name the schedule's name
   * @return the schedule, or empty
   */
  public Optional<ScheduleSnapshot> schedule(String name) {
    return find(schedules, s -> s.name().equals(name));
  }

  /**
   * Returns the sensor of the given name.
   *
   * @param name the sensor's name
   * @return the sensor, or empty
   */
  public Optional<SensorSnapshot> sensor(String name) {
    return find(sensors, s -> s.name().equals(name));
  }

  /**
   * Returns the top-level resource of the given key.
   *
   * @param key the resource key
   * @return the resource, or empty
   */
  public Optional<ResourceSnapshot> resource(String key) {
    return find(resources, r -> r.key().equals(key));
  }

  private static <T> Optional<T> find(List<T> values, java.util.function.Predicate<T> match) {
    for (T value : values) {
      if (match.test(value)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  private static <T> List<T> unique(
      List<T> values, Function<T, Object> id, String record, String what) {
    List<T> copy = Checks.list(values, record, what + "s");
    Set<Object> seen = new HashSet<>(Math.max(16, copy.size() * 2));
    for (T value : copy) {
      Object key = id.apply(value);
      if (!seen.add(key)) {
        throw new IllegalArgumentException(
            record + " has two " + what + "s named '" + key + "'; names must be unique");
      }
    }
    return copy;
  }
}
