package io.pipewright.sdk;

import io.pipewright.sdk.asset.AssetCheckDefinition;
import io.pipewright.sdk.asset.AssetGraphView;
import io.pipewright.sdk.asset.AssetJobDefinition;
import io.pipewright.sdk.asset.AssetSelection;
import io.pipewright.sdk.asset.AssetsDefinition;
import io.pipewright.sdk.internal.asset.AssetGraph;
import io.pipewright.sdk.internal.asset.AssetJobs;
import io.pipewright.sdk.internal.definition.JobValidator;
import io.pipewright.sdk.internal.schedule.InstigatorValidator;
import io.pipewright.sdk.partition.DynamicPartitionsStore;
import io.pipewright.sdk.partition.InMemoryDynamicPartitionsStore;
import io.pipewright.sdk.partition.PartitionContext;
import io.pipewright.sdk.resource.ResourceDefinition;
import io.pipewright.sdk.schedule.AnySensorDefinition;
import io.pipewright.sdk.schedule.ScheduleDefinition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Everything a code location exposes: its jobs and the resources they share (Dagster's {@code
 * Definitions}): jobs, assets, asset checks, asset jobs, schedules, sensors and the resources they
 * share.
 *
 * <pre>{@code
 * Definitions defs = Definitions.builder()
 *     .job(etlJob)
 *     .resource("warehouse", warehouse)
 *     .build();   // throws DefinitionsException listing every problem
 * }</pre>
 *
 * <p>{@link Builder#build()} validates everything at once: names, wiring, cycles, missing
 * resources, IO manager keys, op selections and default config. The exception lists every problem,
 * each with the element, what is wrong and the fix.
 */
public final class Definitions {
  /** Dagster's name for the job that can materialize any selection of assets. */
  public static final String IMPLICIT_ASSET_JOB = "__ASSET_JOB";

  private final Map<String, JobDefinition> jobs;
  private final Map<String, ResourceDefinition<?>> resources;
  private final List<AssetsDefinition> assets;
  private final List<AssetCheckDefinition> checks;
  private final AssetGraph assetGraph;
  private final DynamicPartitionsStore dynamicPartitions;
  private final Map<String, ScheduleDefinition> schedules = new LinkedHashMap<>();
  private final Map<String, AnySensorDefinition> sensors = new LinkedHashMap<>();

  private Definitions(
      Map<String, JobDefinition> jobs,
      Map<String, ResourceDefinition<?>> resources,
      Builder b,
      AssetGraph assetGraph) {
    this.jobs = Collections.unmodifiableMap(jobs);
    this.resources = Collections.unmodifiableMap(resources);
    this.assets = List.copyOf(b.assets);
    this.checks = List.copyOf(b.checks);
    this.assetGraph = assetGraph;
    this.dynamicPartitions = b.dynamicPartitions;
    b.schedules.forEach(schedule -> schedules.put(schedule.name(), schedule));
    b.sensors.forEach(sensor -> sensors.put(sensor.name(), sensor));
  }

  /**
   * Starts a collection of definitions.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The jobs, with the shared resources bound, in the order they were added.
   *
   * @return the jobs
   */
  public List<JobDefinition> jobs() {
    return List.copyOf(jobs.values());
  }

  /**
   * The names of the jobs.
   *
   * @return the names, in the order the jobs were added
   */
  public Set<String> jobNames() {
    return jobs.keySet();
  }

  /**
   * A job by name, with the shared resources bound.
   *
   * @param name the job's name
   * @return the job
   * @throws NoSuchElementException when there is no such job; the message lists the jobs
   */
  public JobDefinition job(String name) {
    JobDefinition job = jobs.get(name);
    if (job == null) {
      throw new NoSuchElementException(
          "No job named '"
              + name
              + "'. Jobs in these definitions: "
              + (jobs.isEmpty() ? "none" : String.join(", ", jobs.keySet()))
              + ".");
    }
    return job;
  }

  /**
   * The resources shared by every job.
   *
   * @return an unmodifiable map
   */
  public Map<String, ResourceDefinition<?>> resources() {
    return resources;
  }

  /**
   * The asset definitions.
   *
   * @return the assets, in the order they were added
   */
  public List<AssetsDefinition> assets() {
    return assets;
  }

  /**
   * The asset checks.
   *
   * @return the checks
   */
  public List<AssetCheckDefinition> assetChecks() {
    return checks;
  }

  /**
   * The asset graph, for resolving selections and computing staleness.
   *
   * @return the graph view
   */
  public AssetGraphView assetGraph() {
    return assetGraph;
  }

  /**
   * The schedules.
   *
   * @return the schedules, in the order they were added
   */
  public List<ScheduleDefinition> schedules() {
    return List.copyOf(schedules.values());
  }

  /**
   * A schedule by name.
   *
   * @param name the schedule's name
   * @return the schedule
   * @throws NoSuchElementException when there is no such schedule; the message lists the schedules
   */
  public ScheduleDefinition schedule(String name) {
    return named(schedules, name, "schedule");
  }

  /**
   * The sensors, of every kind.
   *
   * @return the sensors, in the order they were added
   */
  public List<AnySensorDefinition> sensors() {
    return List.copyOf(sensors.values());
  }

  /**
   * A sensor by name.
   *
   * @param name the sensor's name
   * @return the sensor
   * @throws NoSuchElementException when there is no such sensor; the message lists the sensors
   */
  public AnySensorDefinition sensor(String name) {
    return named(sensors, name, "sensor");
  }

  private static <T> T named(Map<String, T> byName, String name, String kind) {
    T found = byName.get(name);
    if (found == null) {
      throw new NoSuchElementException(
          "No "
              + kind
              + " named '"
              + name
              + "'. The "
              + kind
              + "s in these definitions: "
              + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet()))
              + ".");
    }
    return found;
  }

  /**
   * Where dynamic partitions' keys are kept (in memory unless set on the builder).
   *
   * @return the store
   */
  public DynamicPartitionsStore dynamicPartitions() {
    return dynamicPartitions;
  }

  /**
   * A job that materializes a selection of assets and their checks (the implicit asset job, {@value
   * #IMPLICIT_ASSET_JOB}, restricted to the selection), with the shared resources.
   *
   * @param selection the assets
   * @return the job
   * @throws DefinitionsException when the selection cannot run as one job (different partitions,
   *     part of a multi-asset that cannot be subset)
   * @throws IllegalArgumentException when the selection names unknown assets
   */
  public JobDefinition assetJob(AssetSelection selection) {
    java.util.Set<AssetKey> keys = selection.resolve(assetGraph);
    return compile(IMPLICIT_ASSET_JOB, keys, keys);
  }

  /**
   * A job that runs only the checks of some assets, on their stored values.
   *
   * @param selection the assets whose checks run
   * @return the job
   */
  public JobDefinition assetCheckJob(AssetSelection selection) {
    return compile(IMPLICIT_ASSET_JOB, java.util.Set.of(), selection.resolve(assetGraph));
  }

  private JobDefinition compile(
      String name, java.util.Set<AssetKey> selected, java.util.Set<AssetKey> checked) {
    AssetJobs.Compiled compiled =
        AssetJobs.compile(
            name, assetGraph, selected, checked, null, partitionContext(dynamicPartitions));
    if (!compiled.problems().isEmpty()) {
      throw new DefinitionsException(compiled.problems());
    }
    return compiled.job().build().withDefaultResources(resources);
  }

  private static Supplier<PartitionContext> partitionContext(DynamicPartitionsStore store) {
    return () -> PartitionContext.of(Clock.systemUTC(), store);
  }

  /** Builds {@link Definitions}. */
  public static final class Builder {
    private final List<JobDefinition> jobs = new ArrayList<>();
    private final Map<String, ResourceDefinition<?>> resources = new LinkedHashMap<>();
    private final List<AssetsDefinition> assets = new ArrayList<>();
    private final List<AssetCheckDefinition> checks = new ArrayList<>();
    private final List<AssetJobDefinition> assetJobs = new ArrayList<>();
    private DynamicPartitionsStore dynamicPartitions = new InMemoryDynamicPartitionsStore();
    private final List<ScheduleDefinition> schedules = new ArrayList<>();
    private final List<AnySensorDefinition> sensors = new ArrayList<>();

    private Builder() {}

    /**
     * Adds schedules. Their names, shared with the sensors, must be unique.
     *
     * @param more the schedules
     * @return this builder
     */
    public Builder schedules(ScheduleDefinition... more) {
      schedules.addAll(List.of(more));
      return this;
    }

    /**
     * Adds sensors of any kind. Their names, shared with the schedules, must be unique.
     *
     * @param more the sensors
     * @return this builder
     */
    public Builder sensors(AnySensorDefinition... more) {
      sensors.addAll(List.of(more));
      return this;
    }

    /**
     * Adds assets.
     *
     * @param more asset definitions
     * @return this builder
     */
    public Builder assets(AssetsDefinition... more) {
      assets.addAll(List.of(more));
      return this;
    }

    /**
     * Adds asset checks.
     *
     * @param more check definitions
     * @return this builder
     */
    public Builder assetChecks(AssetCheckDefinition... more) {
      checks.addAll(List.of(more));
      return this;
    }

    /**
     * Adds a job over a selection of assets.
     *
     * @param job the asset job
     * @return this builder
     */
    public Builder assetJob(AssetJobDefinition job) {
      assetJobs.add(job);
      return this;
    }

    /**
     * Sets where dynamic partitions' keys are kept (default: in memory).
     *
     * @param store the store
     * @return this builder
     */
    public Builder dynamicPartitions(DynamicPartitionsStore store) {
      this.dynamicPartitions = store;
      return this;
    }

    /**
     * Adds a job.
     *
     * @param job the job
     * @return this builder
     */
    public Builder job(JobDefinition job) {
      jobs.add(job);
      return this;
    }

    /**
     * Adds jobs.
     *
     * @param more the jobs
     * @return this builder
     */
    public Builder jobs(JobDefinition... more) {
      jobs.addAll(List.of(more));
      return this;
    }

    /**
     * Binds a resource shared by every job; a job's own binding of the same key wins.
     *
     * @param key the key
     * @param resource the resource
     * @return this builder
     */
    public Builder resource(String key, ResourceDefinition<?> resource) {
      resources.put(key, resource);
      return this;
    }

    /**
     * Validates and builds the definitions.
     *
     * @return the definitions
     * @throws DefinitionsException listing every problem found
     */
    public Definitions build() {
      List<DefinitionError> found = new ArrayList<>();
      Map<String, JobDefinition> byName = new LinkedHashMap<>();
      for (JobDefinition job : jobs) {
        JobDefinition bound = job.withDefaultResources(resources);
        if (byName.putIfAbsent(job.name(), bound) != null) {
          found.add(
              new DefinitionError(
                  "job '" + job.name() + "'",
                  "two jobs have this name",
                  "give each job its own name"));
          continue;
        }
        found.addAll(JobValidator.validate(bound));
      }
      AssetGraph graph = AssetGraph.of(assets, checks);
      found.addAll(graph.problems());
      if (graph.problems().isEmpty()) {
        for (AssetJobDefinition assetJob : assetJobs) {
          compileAssetJob(assetJob, graph, byName, found);
        }
      }
      found.addAll(
          InstigatorValidator.validate(
              schedules, sensors, byName.keySet(), graph.problems().isEmpty() ? graph : null));
      if (!found.isEmpty()) {
        throw new DefinitionsException(found);
      }
      return new Definitions(byName, new LinkedHashMap<>(resources), this, graph);
    }

    private void compileAssetJob(
        AssetJobDefinition assetJob,
        AssetGraph graph,
        Map<String, JobDefinition> byName,
        List<DefinitionError> found) {
      String element = "asset job '" + assetJob.name() + "'";
      java.util.Set<AssetKey> keys;
      try {
        keys = assetJob.selection().resolve(graph);
      } catch (IllegalArgumentException e) {
        found.add(new DefinitionError(element, e.getMessage(), "select assets that exist"));
        return;
      }
      AssetJobs.Compiled compiled =
          AssetJobs.compile(
              assetJob.name(),
              graph,
              keys,
              assetJob.includesChecks() ? keys : java.util.Set.of(),
              assetJob.partitionedConfig(),
              partitionContext(dynamicPartitions));
      if (!compiled.problems().isEmpty()) {
        found.addAll(compiled.problems());
        return;
      }
      JobDefinition.Builder b =
          compiled
              .job()
              .description(assetJob.description())
              .tags(assetJob.tags())
              .executor(assetJob.executor());
      assetJob.hooks().forEach(b::hook);
      JobDefinition job = b.build().withDefaultResources(resources);
      if (byName.putIfAbsent(job.name(), job) != null) {
        found.add(
            new DefinitionError(
                "job '" + job.name() + "'",
                "two jobs have this name",
                "give each job its own name"));
        return;
      }
      found.addAll(JobValidator.validate(job));
    }
  }
}
