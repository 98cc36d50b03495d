package io.pipewright.codelocation.service;

import io.pipewright.codelocation.snapshot.JobAssets;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.DefinitionsException;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.asset.AssetSelection;
import io.pipewright.sdk.internal.asset.AssetGraph;
import io.pipewright.sdk.internal.asset.AssetJobs;
import io.pipewright.sdk.internal.asset.AssetLayer;
import io.pipewright.sdk.internal.engine.RunSetup;
import io.pipewright.sdk.internal.plan.GraphFlattener;
import io.pipewright.sdk.internal.plan.OpNode;
import io.pipewright.sdk.partition.PartitionContext;
import io.pipewright.sdk.partition.PartitionedConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the job a request names and narrows it to the request's asset and op selections, rejecting
 * unknown names and invalid selections with messages that say what exists.
 */
final class JobResolver {

  private final LoadedDefinitions loaded;
  private final Definitions definitions;
  private final JobAssets assets;

  JobResolver(LoadedDefinitions loaded) {
    this.loaded = loaded;
    this.definitions = loaded.require();
    this.assets = loaded.assets();
  }

  /**
   * Returns a job by name; the implicit asset job is compiled over every asset.
   *
   * @throws RequestRejectedException when there is no such job, or the implicit asset job cannot
   *     run every asset at once
   */
  JobDefinition job(String name) {
    if (definitions.jobNames().contains(name)) {
      return definitions.job(name);
    }
    if (isImplicitAssetJob(name)) {
      return loaded.implicitAssetJob(() -> implicitAssetJob(AssetSelection.all()));
    }
    throw RequestRejectedException.notFound("job", name, jobNames());
  }

  /**
   * Resolves a job narrowed by selections.
   *
   * @param jobName the job
   * @param opSelection op selection clauses; empty for all
   * @param assetSelection assets to materialize; empty for all of the job's
   * @return the job, its ops and the selected handles
   */
  ResolvedJob resolve(
      String jobName, List<String> opSelection, List<AssetKeySnapshot> assetSelection) {
    JobDefinition job;
    if (assetSelection.isEmpty()) {
      job = job(jobName);
    } else {
      Set<AssetKey> keys = assetKeys(assetSelection);
      if (definitions.jobNames().contains(jobName)) {
        job = narrow(definitions.job(jobName), keys);
      } else if (isImplicitAssetJob(jobName)) {
        job = implicitAssetJob(AssetSelection.keys(keys.toArray(AssetKey[]::new)));
      } else {
        throw RequestRejectedException.notFound("job", jobName, jobNames());
      }
    }
    List<OpNode> ops = GraphFlattener.flatten(job.graph());
    Set<String> selected;
    try {
      selected = RunSetup.select(job, ops, opSelection.isEmpty() ? null : opSelection);
    } catch (IllegalArgumentException e) {
      throw RequestRejectedException.invalid(
          "Invalid op selection " + opSelection + " for job '" + jobName + "': " + e.getMessage());
    }
    if (selected != null && selected.isEmpty()) {
      throw RequestRejectedException.invalid(
          "The op selection " + opSelection + " selects no op of job '" + jobName + "'.");
    }
    return new ResolvedJob(job, ops, selected);
  }

  /** The names of the jobs, with the implicit asset job when there are assets. */
  List<String> jobNames() {
    List<String> names = new ArrayList<>(definitions.jobNames());
    if (!definitions.assets().isEmpty() && !names.contains(Definitions.IMPLICIT_ASSET_JOB)) {
      names.add(Definitions.IMPLICIT_ASSET_JOB);
    }
    return names;
  }

  private boolean isImplicitAssetJob(String name) {
    return name.equals(Definitions.IMPLICIT_ASSET_JOB) && !definitions.assets().isEmpty();
  }

  private JobDefinition implicitAssetJob(AssetSelection selection) {
    try {
      return definitions.assetJob(selection);
    } catch (DefinitionsException e) {
      throw RequestRejectedException.invalid(
          "These assets cannot run as one job: " + problems(e) + ". Select fewer assets.");
    }
  }

  private Set<AssetKey> assetKeys(List<AssetKeySnapshot> selection) {
    Set<AssetKey> known = definitions.assetGraph().keys();
    Set<AssetKey> keys = new LinkedHashSet<>();
    for (AssetKeySnapshot snapshot : selection) {
      AssetKey key = new AssetKey(snapshot.path());
      if (!known.contains(key)) {
        List<String> names = new ArrayList<>(known.size());
        known.forEach(k -> names.add(k.toUserString()));
        throw RequestRejectedException.notFound("asset", key.toUserString(), names);
      }
      keys.add(key);
    }
    return keys;
  }

  /**
   * Compiles a named asset job for some of its assets: the same job (name, tags, executor, hooks,
   * resources, partitioned config), with only those assets and their checks.
   */
  private JobDefinition narrow(JobDefinition job, Set<AssetKey> keys) {
    if (job.assetLayer().isEmpty()) {
      throw RequestRejectedException.invalid(
          "Job '"
              + job.name()
              + "' runs ops, not assets, so it takes no asset selection; use an op selection, or"
              + " select assets of an asset job or of "
              + Definitions.IMPLICIT_ASSET_JOB);
    }
    Set<AssetKey> own = assets.assetsOf(job);
    List<String> outside = new ArrayList<>();
    for (AssetKey key : keys) {
      if (!own.contains(key)) {
        outside.add(key.toUserString());
      }
    }
    if (!outside.isEmpty()) {
      List<String> names = new ArrayList<>(own.size());
      own.forEach(k -> names.add(k.toUserString()));
      throw RequestRejectedException.invalid(
          "Job '"
              + job.name()
              + "' does not materialize "
              + String.join(", ", outside)
              + "; it materializes "
              + String.join(", ", names)
              + ". Select among those, or use "
              + Definitions.IMPLICIT_ASSET_JOB);
    }
    AssetLayer layer = job.assetLayer().get();
    // The job's partitioned config lives in its layer: rebuild it from there for the subset.
    PartitionedConfig partitioned =
        PartitionedConfig.of(key -> layer.runConfigFor(List.of(key)))
            .withTags(key -> layer.tagsFor(List.of(key)));
    AssetJobs.Compiled compiled =
        AssetJobs.compile(
            job.name(),
            (AssetGraph) definitions.assetGraph(),
            keys,
            keys,
            partitioned,
            () -> PartitionContext.of(Clock.systemUTC(), definitions.dynamicPartitions()));
    if (!compiled.problems().isEmpty()) {
      throw RequestRejectedException.invalid(
          "These assets of job '"
              + job.name()
              + "' cannot run on their own: "
              + problems(new DefinitionsException(compiled.problems()))
              + ". Select more of them");
    }
    JobDefinition.Builder narrowed =
        compiled
            .job()
            .description(job.description())
            .tags(job.tags())
            .executor(job.executor())
            .config(job.defaultConfig());
    job.opRetryPolicy().ifPresent(narrowed::opRetryPolicy);
    job.hooks().forEach(narrowed::hook);
    return narrowed.build().withDefaultResources(job.resources());
  }

  private static String problems(DefinitionsException e) {
    List<String> messages = new ArrayList<>(e.errors().size());
    e.errors().forEach(error -> messages.add(error.problem()));
    return String.join("; ", messages);
  }
}
