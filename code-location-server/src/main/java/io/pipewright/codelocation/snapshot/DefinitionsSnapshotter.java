package io.pipewright.codelocation.snapshot;

import com.google.protobuf.CodedOutputStream;
import io.pipewright.core.snapshot.AssetCheckSnapshot;
import io.pipewright.core.snapshot.AssetNodeSnapshot;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.core.snapshot.LoadError;
import io.pipewright.core.snapshot.ResourceSnapshot;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import io.pipewright.core.snapshot.SensorSnapshot;
import io.pipewright.protocol.mapping.SnapshotMapper;
import io.pipewright.protocol.v1.CodeLocation;
import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.DefinitionsException;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.asset.AssetCheckSpec;
import io.pipewright.sdk.asset.AssetSelection;
import io.pipewright.sdk.resource.ResourceDefinition;
import io.pipewright.sdk.schedule.AnySensorDefinition;
import io.pipewright.sdk.schedule.ScheduleDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Translates a code location's {@link Definitions} into the {@link CodeLocationSnapshot} hosts see:
 * a pure function of the definitions, the location's name, the server's id and its image.
 *
 * <p>What it holds: every job (the graph as a tree with nested graphs, inputs and outputs with
 * their types and sources, tags, required resources, retry policies, the run config schema), the
 * implicit asset job {@value Definitions#IMPLICIT_ASSET_JOB} when the definitions have assets that
 * one job can run, every asset and check with the jobs that run it, the shared resources, the
 * schedules and the sensors.
 *
 * <p>Deterministic: equal definitions give equal snapshots, and the {@linkplain
 * CodeLocationSnapshot#contentHash() content hash} is the SHA-256 of the snapshot's message in
 * protobuf's deterministic serialization, without the server id and the hash itself. Hosts cache
 * snapshots under it, so nothing that changes between two starts of the same code may enter: kinds,
 * owners, tags and static partition mappings, which the sdk keeps in sets and maps whose iteration
 * order is not stable across JVMs, are sorted.
 */
public final class DefinitionsSnapshotter {

  /** Stands for the hash while the snapshot that is hashed is built. */
  private static final String NO_HASH_YET = "pending";

  private final String locationName;
  private final String serverId;
  private final String containerImage;

  private DefinitionsSnapshotter(String locationName, String serverId, String containerImage) {
    this.locationName = locationName;
    this.serverId = serverId;
    this.containerImage =
        containerImage == null || containerImage.isBlank() ? null : containerImage;
  }

  /**
   * Returns a snapshotter for one location and server process.
   *
   * @param locationName the location's name; non-blank
   * @param serverId the id of the server process; non-blank
   * @param containerImage the image the location runs in, or null outside containers
   * @return the snapshotter
   */
  public static DefinitionsSnapshotter forLocation(
      String locationName, String serverId, String containerImage) {
    return new DefinitionsSnapshotter(locationName, serverId, containerImage);
  }

  /**
   * Translates definitions.
   *
   * @param definitions the definitions, as {@code Definitions.build()} returned them
   * @return the snapshot, with its content hash and no load errors
   */
  public CodeLocationSnapshot snapshot(Definitions definitions) {
    JobAssets assets = new JobAssets(definitions);
    List<JobDefinition> jobs = new ArrayList<>(definitions.jobs());
    List<JobSnapshot> jobSnapshots = new ArrayList<>(jobs.size() + 1);
    for (JobDefinition job : jobs) {
      jobSnapshots.add(JobSnapshots.of(job, assets));
    }
    JobDefinition implicit = implicitAssetJob(definitions);
    if (implicit != null) {
      jobs.add(implicit);
      jobSnapshots.add(JobSnapshots.implicitAssetJob(implicit, assets));
    }
    Map<AssetKey, SortedSet<String>> jobsByAsset = new HashMap<>();
    Map<String, SortedSet<String>> jobsByCheck = new HashMap<>();
    for (JobDefinition job : jobs) {
      for (AssetKey key : assets.assetsOf(job)) {
        jobsByAsset.computeIfAbsent(key, k -> new TreeSet<>()).add(job.name());
      }
      for (AssetCheckSpec check : assets.checksOf(job)) {
        jobsByCheck
            .computeIfAbsent(AssetSnapshots.checkId(check), k -> new TreeSet<>())
            .add(job.name());
      }
    }
    List<AssetNodeSnapshot> assetSnapshots = AssetSnapshots.assets(definitions, jobsByAsset);
    List<AssetCheckSnapshot> checkSnapshots = AssetSnapshots.checks(definitions, jobsByCheck);
    List<ResourceSnapshot> resources = new ArrayList<>(definitions.resources().size());
    for (Map.Entry<String, ResourceDefinition<?>> e :
        new TreeMap<>(definitions.resources()).entrySet()) {
      resources.add(JobSnapshots.resource(e.getKey(), e.getValue()));
    }
    List<ScheduleSnapshot> schedules = new ArrayList<>();
    for (ScheduleDefinition schedule : definitions.schedules()) {
      schedules.add(InstigatorSnapshots.schedule(schedule));
    }
    List<SensorSnapshot> sensors = new ArrayList<>();
    for (AnySensorDefinition sensor : definitions.sensors()) {
      sensors.add(InstigatorSnapshots.sensor(sensor));
    }
    return withHash(
        new CodeLocationSnapshot(
            locationName,
            serverId,
            containerImage,
            NO_HASH_YET,
            jobSnapshots,
            assetSnapshots,
            checkSnapshots,
            resources,
            schedules,
            sensors,
            List.of()));
  }

  /**
   * Returns the snapshot of a location whose definitions failed to load: no definitions, only the
   * load errors.
   *
   * @param loadErrors what went wrong, at least one
   * @return the snapshot, with its content hash
   */
  public CodeLocationSnapshot failed(List<LoadError> loadErrors) {
    return withHash(
        new CodeLocationSnapshot(
            locationName,
            serverId,
            containerImage,
            NO_HASH_YET,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            loadErrors));
  }

  /**
   * Computes the content hash of a snapshot: the SHA-256, in lower-case hex, of its message in
   * protobuf's deterministic serialization, with the server id and the content hash left out.
   *
   * @param snapshot the snapshot
   * @return 64 hex digits
   */
  public static String contentHash(CodeLocationSnapshot snapshot) {
    CodeLocation message =
        SnapshotMapper.toProto(snapshot).toBuilder().clearServerId().clearContentHash().build();
    byte[] bytes = new byte[message.getSerializedSize()];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    // Map fields (tags) are written in key order only in deterministic mode.
    out.useDeterministicSerialization();
    try {
      message.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Serializing a snapshot into an array cannot fail", e);
    }
    out.checkNoSpaceLeft();
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM provides SHA-256", e);
    }
  }

  private static CodeLocationSnapshot withHash(CodeLocationSnapshot snapshot) {
    return new CodeLocationSnapshot(
        snapshot.locationName(),
        snapshot.serverId(),
        snapshot.containerImage(),
        contentHash(snapshot),
        snapshot.jobs(),
        snapshot.assets(),
        snapshot.assetChecks(),
        snapshot.resources(),
        snapshot.schedules(),
        snapshot.sensors(),
        snapshot.loadErrors());
  }

  /**
   * Compiles the implicit asset job over every asset, unless the user defined a job of that name,
   * the definitions have nothing it could run, or no single job can run them all (assets with
   * different partitions): then hosts plan selections of assets on demand, and the snapshot leaves
   * it out.
   */
  private static JobDefinition implicitAssetJob(Definitions definitions) {
    if (definitions.assets().isEmpty()
        || definitions.jobNames().contains(Definitions.IMPLICIT_ASSET_JOB)) {
      return null;
    }
    try {
      JobDefinition job = definitions.assetJob(AssetSelection.all());
      return job.graph().nodes().isEmpty() ? null : job;
    } catch (DefinitionsException | IllegalArgumentException e) {
      return null;
    }
  }
}
