package io.pipewright.webserver.graphql.fields;

import io.pipewright.core.backfill.Backfill;
import io.pipewright.core.backfill.BackfillAlreadyExistsException;
import io.pipewright.core.backfill.BackfillStore;
import io.pipewright.core.codelocation.CodeLocationCallException;
import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.codelocation.CodeLocationException;
import io.pipewright.core.codelocation.CodeLocationUnavailableException;
import io.pipewright.core.codelocation.PartitionKeysRequest;
import io.pipewright.core.partition.DynamicPartitionStore;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.AssetNodeSnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.core.snapshot.PartitionsSnapshot;
import io.pipewright.webserver.graphql.BadArgumentException;
import io.pipewright.webserver.graphql.Errors;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.graphql.view.BackfillViews;
import io.pipewright.webserver.run.Await;
import io.pipewright.webserver.workspace.LoadedLocation;
import io.pipewright.webserver.workspace.LocationEntry;
import io.pipewright.webserver.workspace.Workspace;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Launches a backfill for {@link BackfillFields}: resolves its target (a job's partition set, or
 * partitioned assets), checks the chosen partitions against the keys the code location computes,
 * and stores it {@code REQUESTED} for the daemon.
 */
final class BackfillLaunch {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Workspace workspace;
  private final BackfillStore backfills;
  private final DynamicPartitionStore dynamicPartitions;
  private final Clock clock;

  BackfillLaunch(
      Workspace workspace,
      BackfillStore backfills,
      DynamicPartitionStore dynamicPartitions,
      Clock clock) {
    this.workspace = workspace;
    this.backfills = backfills;
    this.dynamicPartitions = dynamicPartitions;
    this.clock = clock;
  }

  /**
   * Checks a {@code LaunchBackfillParams} with the code location and stores the backfill.
   *
   * @param params the argument
   * @return {@code LaunchBackfillSuccess}, or the error as data
   */
  GqlObject launch(Map<String, Object> params) {
    if (!Selectors.strings(params.get("reexecutionSteps")).isEmpty()) {
      throw new BadArgumentException(
          "backfillParams.reexecutionSteps is not supported yet; backfill whole partitions");
    }
    if (!Selectors.runConfig(params.get("runConfigData")).isEmpty()) {
      throw new BadArgumentException(
          "backfillParams.runConfigData is not supported yet: each partition's run config comes"
              + " from its job's partitioned config");
    }
    Map<String, String> tags = Selectors.tags(params.get("tags"), "backfillParams.tags");
    boolean fromFailure = Boolean.TRUE.equals(params.get("fromFailure"));
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    Map<String, Object> selector = (Map<String, Object>) params.get("selector");
    Target target;
    try {
      target = selector != null ? jobTarget(selector) : assetTarget(params);
    } catch (Refusal refusal) {
      return refusal.answer;
    }
    List<String> keys;
    try {
      keys = selectKeys(params, target, now);
    } catch (Refusal refusal) {
      return refusal.answer;
    }
    for (int attempt = 0; ; attempt++) {
      String id = newBackfillId();
      Backfill backfill =
          (target.job != null
                  ? Backfill.ofJob(id, target.location.name(), target.job.name(), keys, now)
                  : Backfill.ofAssets(id, target.location.name(), target.assets, keys, now))
              .withOptions(tags, fromFailure);
      try {
        Await.of(backfills.add(backfill));
        return GqlObject.of("LaunchBackfillSuccess")
            .put("backfillId", id)
            .put("launchedRunIds", List.of());
      } catch (BackfillAlreadyExistsException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  /** What a backfill runs: a partitioned job, or partitioned assets, of one loaded location. */
  private record Target(
      LoadedLocation location,
      JobSnapshot job,
      List<AssetKeySnapshot> assets,
      Map<AssetKeySnapshot, PartitionsSnapshot> partitionsByAsset,
      String what) {}

  /** A launch answered with an error, thrown out of the validation steps. */
  private static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient GqlObject answer;

    Refusal(GqlObject answer) {
      super(null, null, false, false);
      this.answer = answer;
    }
  }

  private Target jobTarget(Map<String, Object> selector) throws Refusal {
    String setName = (String) selector.get("partitionSetName");
    String jobName =
        setName.endsWith(BackfillViews.PARTITION_SET_SUFFIX)
            ? setName.substring(0, setName.length() - BackfillViews.PARTITION_SET_SUFFIX.length())
            : setName;
    @SuppressWarnings("unchecked")
    Map<String, Object> repository = (Map<String, Object>) selector.get("repositorySelector");
    String locationName = (String) repository.get("repositoryLocationName");
    String notFound = "Could not find partition set " + setName + ": ";
    Optional<LocationEntry> entry = workspace.entry(locationName);
    if (entry.isEmpty()) {
      throw setNotFound(
          setName, notFound + "the workspace has no code location '" + locationName + "'");
    }
    if (!LoadedLocation.REPOSITORY_NAME.equals(repository.get("repositoryName"))) {
      throw setNotFound(
          setName,
          notFound
              + "code location '"
              + locationName
              + "' has one repository, named "
              + LoadedLocation.REPOSITORY_NAME);
    }
    LoadedLocation location = loaded(entry.get());
    Optional<JobSnapshot> job = location.job(jobName);
    if (job.isEmpty()) {
      throw setNotFound(
          setName, notFound + "code location '" + locationName + "' has no job '" + jobName + "'");
    }
    if (job.get().partitions() == null) {
      throw setNotFound(setName, notFound + "job '" + jobName + "' is not partitioned");
    }
    return new Target(
        location,
        job.get(),
        List.of(),
        Map.of(),
        "job '" + jobName + "' of code location '" + locationName + "'");
  }

  private Target assetTarget(Map<String, Object> params) throws Refusal {
    Set<AssetKeySnapshot> keys = new LinkedHashSet<>();
    for (Object item : list(params.get("assetSelection"))) {
      keys.add(assetKey(item, "backfillParams.assetSelection"));
    }
    for (Object item : list(params.get("partitionsByAssets"))) {
      if (item != null) {
        keys.add(assetKey(((Map<?, ?>) item).get("assetKey"), "backfillParams.partitionsByAssets"));
      }
    }
    if (keys.isEmpty()) {
      throw new BadArgumentException(
          "backfillParams names nothing to backfill: give selector (a job's partition set, such"
              + " as <job>_partition_set) or assetSelection");
    }
    LoadedLocation location = null;
    Map<AssetKeySnapshot, PartitionsSnapshot> partitions = new LinkedHashMap<>();
    for (AssetKeySnapshot key : keys) {
      AssetNodeSnapshot node = null;
      for (LocationEntry entry : workspace.entries()) {
        Optional<AssetNodeSnapshot> found = entry.location().flatMap(l -> l.snapshot().asset(key));
        if (found.isPresent()) {
          if (location != null && !location.name().equals(entry.name())) {
            throw new BadArgumentException(
                "backfillParams selects assets of two code locations ("
                    + location.name()
                    + " and "
                    + entry.name()
                    + "); backfill each location's assets separately");
          }
          location = entry.location().get();
          node = found.get();
          break;
        }
      }
      if (node == null) {
        throw new BadArgumentException(
            "No loaded code location defines asset "
                + key.toUserString()
                + "; check the key, and that its location is loaded");
      }
      if (node.partitions() == null) {
        throw new BadArgumentException(
            "Asset " + key.toUserString() + " is not partitioned; materialize it with launchRun");
      }
      partitions.put(key, node.partitions());
    }
    return new Target(
        location,
        null,
        List.copyOf(keys),
        partitions,
        "assets of code location '" + location.name() + "'");
  }

  private List<String> selectKeys(Map<String, Object> params, Target target, Instant now)
      throws Refusal {
    boolean all = Boolean.TRUE.equals(params.get("allPartitions"));
    List<String> names = Selectors.strings(params.get("partitionNames"));
    List<Object> byAssets = list(params.get("partitionsByAssets"));
    int given = (all ? 1 : 0) + (names.isEmpty() ? 0 : 1) + (byAssets.isEmpty() ? 0 : 1);
    if (given != 1) {
      throw new BadArgumentException(
          "backfillParams must choose the partitions one way: partitionNames, allPartitions:"
              + " true, or ranges in partitionsByAssets"
              + (given == 0 ? "" : " (it gives " + given + ")"));
    }
    List<String> available = availableKeys(target, now);
    if (all) {
      return available;
    }
    if (!names.isEmpty()) {
      return known(new ArrayList<>(new LinkedHashSet<>(names)), available, target);
    }
    List<String> chosen = null;
    for (Object item : byAssets) {
      Map<?, ?> entry = (Map<?, ?>) item;
      AssetKeySnapshot key = assetKey(entry.get("assetKey"), "backfillParams.partitionsByAssets");
      List<String> keys = ranges((Map<?, ?>) entry.get("partitions"), available, target);
      if (chosen != null && !chosen.equals(keys)) {
        throw new BadArgumentException(
            "backfillParams.partitionsByAssets selects other partitions for "
                + key.toUserString()
                + " than for the assets before it; a backfill runs the same partitions of every"
                + " asset");
      }
      chosen = keys;
    }
    return chosen;
  }

  private List<String> ranges(Map<?, ?> selector, List<String> available, Target target)
      throws Refusal {
    if (selector == null) {
      return available;
    }
    List<Object> ranges = new ArrayList<>(list(selector.get("ranges")));
    if (selector.get("range") != null) {
      ranges.add(0, selector.get("range"));
    }
    Set<String> keys = new LinkedHashSet<>();
    for (Object item : ranges) {
      Map<?, ?> range = (Map<?, ?>) item;
      String start = (String) range.get("start");
      String end = (String) range.get("end");
      known(List.of(start, end), available, target);
      int from = available.indexOf(start);
      int to = available.indexOf(end);
      if (from > to) {
        throw new BadArgumentException(
            "partition range "
                + start
                + "..."
                + end
                + " ends before it starts; swap start and end");
      }
      keys.addAll(available.subList(from, to + 1));
    }
    return new ArrayList<>(keys);
  }

  private static List<String> known(List<String> wanted, List<String> available, Target target)
      throws Refusal {
    Set<String> set = new LinkedHashSet<>(available);
    List<String> unknown = new ArrayList<>();
    for (String key : wanted) {
      if (!set.contains(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new Refusal(
          Errors.message(
                  "PartitionKeysNotFoundError",
                  "Partition"
                      + (unknown.size() == 1 ? " " : "s ")
                      + String.join(", ", unknown)
                      + (unknown.size() == 1 ? " does" : " do")
                      + " not exist in "
                      + target.what
                      + ", which has "
                      + available.size()
                      + " partitions"
                      + (available.isEmpty()
                          ? ""
                          : " ("
                              + String.join(
                                  ", ", available.subList(0, Math.min(5, available.size())))
                              + (available.size() > 5 ? ", ..." : "")
                              + ")"))
              .put("partitionKeys", unknown));
    }
    return wanted;
  }

  /** The partition keys of the target as its code location computes them now. */
  private List<String> availableKeys(Target target, Instant now) throws Refusal {
    CodeLocationClient client =
        workspace
            .client(target.location.name())
            .orElseThrow(
                () ->
                    new CodeLocationUnavailableException(
                        target.location.name(),
                        "",
                        "The workspace has no code location '" + target.location.name() + "'",
                        null));
    try {
      if (target.job != null) {
        return client.partitionKeys(
            PartitionKeysRequest.forJob(target.job.name(), now)
                .withDynamicPartitions(dynamicKeys(List.of(target.job.partitions()))));
      }
      List<String> keys = null;
      for (Map.Entry<AssetKeySnapshot, PartitionsSnapshot> asset :
          target.partitionsByAsset.entrySet()) {
        List<String> assetKeys =
            client.partitionKeys(
                PartitionKeysRequest.forAsset(asset.getKey(), now)
                    .withDynamicPartitions(dynamicKeys(List.of(asset.getValue()))));
        if (keys != null && !keys.equals(assetKeys)) {
          throw new BadArgumentException(
              "The selected assets have different partitions ("
                  + asset.getKey().toUserString()
                  + " differs from the first); backfill assets with the same partitions together");
        }
        keys = assetKeys;
      }
      return keys;
    } catch (CodeLocationCallException e) {
      throw new Refusal(Errors.pythonError(e));
    } catch (CodeLocationException e) {
      throw new Refusal(Errors.pythonError(e));
    }
  }

  private Map<String, List<String>> dynamicKeys(List<PartitionsSnapshot> definitions) {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    List<PartitionsSnapshot> pending = new ArrayList<>(definitions);
    while (!pending.isEmpty()) {
      PartitionsSnapshot next = pending.remove(pending.size() - 1);
      if (next instanceof PartitionsSnapshot.Dynamic dynamic) {
        keys.put(dynamic.name(), Await.of(dynamicPartitions.keys(dynamic.name())));
      } else if (next instanceof PartitionsSnapshot.Multi multi) {
        multi.dimensions().forEach(d -> pending.add(d.partitions()));
      }
    }
    return keys;
  }

  private static LoadedLocation loaded(LocationEntry entry) throws Refusal {
    Optional<LoadedLocation> location = entry.location();
    if (location.isEmpty()) {
      String reason = entry.error().map(ErrorSnapshot::firstLine).orElse("it is still loading");
      throw new Refusal(
          Errors.pythonError(
              CodeLocationUnavailableException.class.getName(),
              "Code location '"
                  + entry.name()
                  + "' is not loaded: "
                  + reason
                  + ". Try again once its server answers (reloadRepositoryLocation reloads it)."));
    }
    return location.get();
  }

  private static Refusal setNotFound(String setName, String message) {
    return new Refusal(
        Errors.message("PartitionSetNotFoundError", message).put("partitionSetName", setName));
  }

  private static AssetKeySnapshot assetKey(Object value, String argument) {
    List<String> path = Selectors.strings(value == null ? null : ((Map<?, ?>) value).get("path"));
    try {
      return new AssetKeySnapshot(path);
    } catch (IllegalArgumentException e) {
      throw new BadArgumentException(argument + ": " + e.getMessage());
    }
  }

  private static List<Object> list(Object value) {
    List<Object> out = new ArrayList<>();
    if (value instanceof List<?> items) {
      out.addAll(items);
    }
    return out;
  }

  /** Eight lowercase letters, as Dagster's backfill ids. */
  private static String newBackfillId() {
    StringBuilder id = new StringBuilder(8);
    for (int i = 0; i < 8; i++) {
      id.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return id.toString();
  }
}
