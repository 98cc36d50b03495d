package io.pipewright.sdk;

import io.pipewright.sdk.internal.definition.JobValidator;
import io.pipewright.sdk.resource.ResourceDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Everything a code location exposes: its jobs and the resources they share (Dagster's {@code
 * Definitions}). Assets, checks, schedules and sensors join it in later versions.
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
  private final Map<String, JobDefinition> jobs;
  private final Map<String, ResourceDefinition<?>> resources;

  private Definitions(
      Map<String, JobDefinition> jobs, Map<String, ResourceDefinition<?>> resources) {
    this.jobs = Collections.unmodifiableMap(jobs);
    this.resources = Collections.unmodifiableMap(resources);
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

  /** Builds {@link Definitions}. */
  public static final class Builder {
    private final List<JobDefinition> jobs = new ArrayList<>();
    private final Map<String, ResourceDefinition<?>> resources = new LinkedHashMap<>();

    private Builder() {}

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
      if (!found.isEmpty()) {
        throw new DefinitionsException(found);
      }
      return new Definitions(byName, new LinkedHashMap<>(resources));
    }
  }
}
