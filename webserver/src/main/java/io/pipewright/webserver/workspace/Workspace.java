package io.pipewright.webserver.workspace;

import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.webserver.ErrorSnapshots;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The workspace: the configured code locations, each with a client, its last loaded snapshot or its
 * load error (Dagster's workspace).
 *
 * <p>Locations load in the background when the webserver starts; queries wait for a location that
 * is loading (bounded by the snapshot deadline), so that the first query after start-up sees the
 * definitions, as Dagster's webserver does. A periodic check reloads a location whose server
 * restarted (a new server id: new code), marks one whose server stopped answering as failed, and
 * retries failed ones. Reloads of one location are coalesced: concurrent callers share one load.
 */
@ApplicationScoped
public class Workspace {

  private static final Logger LOG = Logger.getLogger(Workspace.class);

  private final WorkspaceConfig config;
  private final Clock clock;
  private final CodeLocationConnector connector;
  private final Object reconfigureLock = new Object();
  private final ExecutorService loaders = Executors.newCachedThreadPool(daemon("load"));
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(daemon("refresh"));

  /** The locations by name, in configuration order; replaced as a whole when they change. */
  private volatile Map<String, Slot> slots = Map.of();

  /**
   * Creates the workspace; {@link #start} loads it.
   *
   * @param config the locations and deadlines
   * @param clock the time of loads
   * @param connector opens clients
   */
  @Inject
  public Workspace(WorkspaceConfig config, Clock clock, CodeLocationConnector connector) {
    this.config = config;
    this.clock = clock;
    this.connector = connector;
  }

  /**
   * Reads the configured locations, starts loading them and starts the periodic check. A
   * misconfigured workspace stops the start-up with a message listing every problem.
   *
   * @param event Quarkus's start-up
   */
  void start(@Observes StartupEvent event) {
    List<LocationAddress> addresses = LocationList.read(config);
    synchronized (reconfigureLock) {
      slots = reconcile(Map.of(), addresses);
    }
    LOG.infof(
        "Workspace: %d code location(s): %s", addresses.size(), String.join(", ", slots.keySet()));
    slots.values().forEach(Slot::load);
    Duration interval = config.refreshInterval();
    if (!interval.isZero() && !interval.isNegative()) {
      ticker.scheduleWithFixedDelay(
          this::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Stops the periodic check before the application stops serving, so that the end of the
   * application is not reported as locations going down.
   *
   * @param event Quarkus's shutdown
   */
  void stopping(@Observes ShutdownEvent event) {
    ticker.shutdownNow();
  }

  /** Stops the background work and closes every client. */
  @PreDestroy
  void stop() {
    ticker.shutdownNow();
    loaders.shutdownNow();
    slots.values().forEach(slot -> slot.client.close());
  }

  /**
   * Returns every location's entry, in configuration order, after waiting for loads in progress.
   *
   * @return the entries
   */
  public List<LocationEntry> entries() {
    List<LocationEntry> entries = new ArrayList<>();
    for (Slot slot : slots.values()) {
      entries.add(slot.settled());
    }
    return entries;
  }

  /**
   * Returns one location's entry, after waiting for a load in progress.
   *
   * @param name the location's name
   * @return the entry, or empty when no location has this name
   */
  public Optional<LocationEntry> entry(String name) {
    Slot slot = slots.get(name);
    return slot == null ? Optional.empty() : Optional.of(slot.settled());
  }

  /**
   * Returns the names of the configured locations.
   *
   * @return the names, in configuration order
   */
  public List<String> names() {
    return List.copyOf(slots.keySet());
  }

  /**
   * Loads a location again and returns once it is loaded or has failed.
   *
   * @param name the location's name
   * @return its new entry, or empty when no location has this name
   */
  public Optional<LocationEntry> reload(String name) {
    Slot slot = slots.get(name);
    return slot == null ? Optional.empty() : Optional.of(slot.await(slot.load()));
  }

  /**
   * Reads the list of locations again (configuration and workspace file), adds and removes
   * locations accordingly, reloads every location and returns once all are loaded or failed.
   *
   * @return the new entries
   * @throws IllegalArgumentException when the list is misconfigured; the workspace is unchanged
   */
  public List<LocationEntry> reloadAll() {
    List<LocationAddress> addresses = LocationList.read(config);
    Map<String, Slot> previous;
    Map<String, Slot> next;
    synchronized (reconfigureLock) {
      previous = slots;
      next = reconcile(previous, addresses);
      slots = next;
    }
    for (Map.Entry<String, Slot> old : previous.entrySet()) {
      if (next.get(old.getKey()) != old.getValue()) {
        old.getValue().client.close();
        LOG.infof("Workspace: code location '%s' removed or moved", old.getKey());
      }
    }
    List<CompletableFuture<LocationEntry>> loads = new ArrayList<>();
    for (Slot slot : next.values()) {
      loads.add(slot.load());
    }
    List<LocationEntry> entries = new ArrayList<>();
    int i = 0;
    for (Slot slot : next.values()) {
      entries.add(slot.await(loads.get(i++)));
    }
    return entries;
  }

  /**
   * Asks a location's server to shut down; its orchestrator restarts it (with new code), and the
   * periodic check reloads it when it answers with a new server id.
   *
   * @param name the location's name
   * @return false when no location has this name
   * @throws io.pipewright.core.codelocation.CodeLocationException when the server cannot be reached
   */
  public boolean shutdown(String name) {
    Slot slot = slots.get(name);
    if (slot == null) {
      return false;
    }
    slot.client.shutdown();
    LOG.infof("Workspace: asked code location '%s' to shut down", name);
    return true;
  }

  /**
   * Returns the client of a location, for calls that run user code (validation, planning).
   *
   * @param name the location's name
   * @return the client, or empty when no location has this name
   */
  public Optional<CodeLocationClient> client(String name) {
    Slot slot = slots.get(name);
    return slot == null ? Optional.empty() : Optional.of(slot.client);
  }

  /**
   * Finds a job by location, repository and name, saying why when it cannot be used.
   *
   * @param locationName the location
   * @param repositoryName the repository; every location has one, {@link
   *     LoadedLocation#REPOSITORY_NAME}
   * @param jobName the job
   * @return the job with its location, or the reason it was not found
   */
  public JobLookup findJob(String locationName, String repositoryName, String jobName) {
    String notFound =
        "Could not find Pipeline " + locationName + "." + repositoryName + "." + jobName + ": ";
    Optional<LocationEntry> entry = entry(locationName);
    if (entry.isEmpty()) {
      return new JobLookup.NotFound(
          notFound
              + "the workspace has no code location '"
              + locationName
              + "' (it has "
              + (slots.isEmpty() ? "none" : String.join(", ", slots.keySet()))
              + ")");
    }
    Optional<LoadedLocation> location = entry.get().location();
    if (location.isEmpty()) {
      String reason =
          entry.get().error().map(ErrorSnapshot::firstLine).orElse("it is still loading");
      return new JobLookup.NotFound(
          notFound + "code location '" + locationName + "' is not loaded: " + reason);
    }
    if (!LoadedLocation.REPOSITORY_NAME.equals(repositoryName)) {
      return new JobLookup.NotFound(
          notFound
              + "code location '"
              + locationName
              + "' has one repository, named "
              + LoadedLocation.REPOSITORY_NAME);
    }
    Optional<JobSnapshot> job = location.get().job(jobName);
    if (job.isEmpty()) {
      List<String> names = new ArrayList<>();
      location.get().jobs().forEach(j -> names.add(j.name()));
      return new JobLookup.NotFound(
          notFound
              + "code location '"
              + locationName
              + "' has no job '"
              + jobName
              + "' (it has "
              + (names.isEmpty() ? "none" : String.join(", ", names))
              + ")");
    }
    return new JobLookup.Found(location.get(), job.get());
  }

  /** The periodic check: one decision per location, acted on here. */
  private void refresh() {
    for (Slot slot : slots.values()) {
      try {
        switch (RefreshPolicy.onTick(slot.entry)) {
          case NONE -> {}
          case RELOAD -> slot.load();
          case PING -> slot.ping();
        }
      } catch (RuntimeException e) {
        // The check must survive anything one location does; the next tick tries again.
        LOG.warnf(e, "Workspace: checking code location '%s' failed", slot.address.name());
      }
    }
  }

  private Map<String, Slot> reconcile(Map<String, Slot> current, List<LocationAddress> addresses) {
    Map<String, Slot> next = new LinkedHashMap<>();
    for (LocationAddress address : addresses) {
      Slot existing = current.get(address.name());
      next.put(
          address.name(),
          existing != null && existing.address.equals(address) ? existing : new Slot(address));
    }
    return java.util.Collections.unmodifiableMap(next);
  }

  private static ThreadFactory daemon(String role) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread =
          new Thread(runnable, "pipewright-workspace-" + role + "-" + count.addAndGet(1));
      thread.setDaemon(true);
      return thread;
    };
  }

  /** One location: its address, client, current entry and the load in progress, if any. */
  private final class Slot {
    private final LocationAddress address;
    private final CodeLocationClient client;
    private volatile LocationEntry entry;
    private CompletableFuture<LocationEntry> inFlight; // guarded by this

    Slot(LocationAddress address) {
      this.address = address;
      this.client = connector.connect(address);
      this.entry = new LocationEntry(address, true, null, clock.instant());
    }

    /** Starts a load unless one is in progress; returns the load. */
    synchronized CompletableFuture<LocationEntry> load() {
      if (inFlight == null) {
        entry = entry.startLoading(clock.instant());
        CompletableFuture<LocationEntry> started = new CompletableFuture<>();
        inFlight = started;
        loaders.execute(
            () -> started.complete(finish(LocationLoader.load(address, client, clock::instant))));
      }
      return inFlight;
    }

    private LocationEntry finish(LocationEntry.Outcome outcome) {
      LocationEntry previous;
      LocationEntry next;
      synchronized (this) {
        previous = entry;
        next = entry.finish(outcome, clock.instant());
        entry = next;
        inFlight = null;
      }
      logChange(previous.outcome(), outcome);
      return next;
    }

    /** Asks the server for its id: a new id reloads, no answer marks the location failed. */
    void ping() {
      LocationEntry current = entry;
      Optional<LoadedLocation> loaded = current.location();
      if (loaded.isEmpty()) {
        return;
      }
      String answered;
      try {
        answered = client.serverId();
      } catch (RuntimeException e) {
        synchronized (this) {
          if (inFlight != null || entry != current) {
            return;
          }
        }
        finish(new LocationEntry.Failed(ErrorSnapshots.of(e)));
        return;
      }
      if (RefreshPolicy.onPing(loaded.get().snapshot().serverId(), answered)
          == RefreshPolicy.Action.RELOAD) {
        LOG.infof("Workspace: code location '%s' restarted; reloading it", address.name());
        load();
      }
    }

    /** Returns the entry once no load is in progress (or the wait timed out). */
    LocationEntry settled() {
      CompletableFuture<LocationEntry> pending;
      synchronized (this) {
        pending = inFlight;
      }
      return pending == null ? entry : await(pending);
    }

    LocationEntry await(CompletableFuture<LocationEntry> load) {
      try {
        return load.get(config.snapshotDeadline().toMillis() + 5_000, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // The load is bounded by the client's deadline; show what is known meanwhile.
        return entry;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return entry;
      }
    }

    private void logChange(LocationEntry.Outcome before, LocationEntry.Outcome after) {
      if (after instanceof LocationEntry.Loaded loaded) {
        if (!(before instanceof LocationEntry.Loaded previous)
            || !previous
                .location()
                .snapshot()
                .contentHash()
                .equals(loaded.location().snapshot().contentHash())) {
          LOG.infof(
              "Workspace: code location '%s' loaded from %s: %d job(s)",
              address.name(), address.target(), loaded.location().jobs().size());
        }
      } else if (after instanceof LocationEntry.Failed failed) {
        if (!(before instanceof LocationEntry.Failed previous)
            || !previous.error().message().equals(failed.error().message())) {
          LOG.warnf(
              "Workspace: code location '%s' at %s is unavailable: %s",
              address.name(), address.target(), failed.error().firstLine());
        }
      }
    }
  }
}
