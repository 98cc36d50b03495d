package io.pipewright.codelocation.runtime;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.pipewright.codelocation.service.ExecutionPlanService;
import io.pipewright.codelocation.service.InstigatorService;
import io.pipewright.codelocation.service.LoadedDefinitions;
import io.pipewright.codelocation.service.PartitionService;
import io.pipewright.codelocation.snapshot.DefinitionsSnapshotter;
import io.pipewright.codelocation.snapshot.LoadErrors;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.LoadError;
import io.pipewright.protocol.mapping.SnapshotMapper;
import io.pipewright.protocol.v1.CodeLocation;
import io.pipewright.protocol.v1.GetSnapshotResponse;
import io.pipewright.sdk.Definitions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The loaded code location: its definitions (or load errors), its snapshot, and the services that
 * answer the calls. Built once, when the server starts ({@link ServerStartup}), so that a location
 * whose definitions fail shows it in the log at once, and the first {@code GetSnapshot} is as fast
 * as the others. Application-scoped, so created on first use: a step worker ({@code execute-step})
 * starts the same application but never uses it, and so never pays for the snapshot.
 */
@ApplicationScoped
public class CodeLocationRuntime {

  private static final Logger LOG = Logger.getLogger(CodeLocationRuntime.class);

  private final String locationName;
  private final String serverId = UUID.randomUUID().toString();
  private final LoadedDefinitions loaded;
  private final CodeLocationSnapshot snapshot;
  private final CodeLocation snapshotMessage;
  private final GetSnapshotResponse snapshotResponse;
  private final ExecutionPlanService plans;
  private final PartitionService partitions;
  private final InstigatorService instigators;

  /**
   * Loads the definitions and snapshots them.
   *
   * @param definitions the CDI beans of type {@code Definitions} (none, one or several)
   * @param config the location's name and image
   */
  @Inject
  public CodeLocationRuntime(Instance<Definitions> definitions, CodeLocationConfig config) {
    long start = System.nanoTime();
    this.locationName = config.name();
    LoadedDefinitions attempt = DefinitionsLoader.fromCdi(definitions);
    DefinitionsSnapshotter snapshotter =
        DefinitionsSnapshotter.forLocation(locationName, serverId, config.image().orElse(null));
    CodeLocationSnapshot built;
    if (attempt.definitions().isPresent()) {
      try {
        built = snapshotter.snapshot(attempt.definitions().get());
      } catch (RuntimeException e) {
        // A definition the snapshot cannot express: serve the problem rather than nothing.
        LOG.errorf(e, "Code location '%s': its definitions cannot be snapshotted", locationName);
        List<LoadError> errors = new ArrayList<>(LoadErrors.of(e));
        attempt = LoadedDefinitions.failed(errors);
        built = snapshotter.failed(errors);
      }
    } else {
      built = snapshotter.failed(attempt.errors());
    }
    this.loaded = attempt;
    this.snapshot = built;
    this.snapshotMessage = SnapshotMapper.toProto(built);
    this.snapshotResponse = preSerialized(snapshotMessage);
    this.plans = new ExecutionPlanService(loaded, config.image().orElse(null));
    this.partitions = new PartitionService(loaded);
    this.instigators = new InstigatorService(loaded, Clock.systemUTC());
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (loaded.definitions().isPresent()) {
      LOG.infof(
          "Code location '%s' loaded in %d ms: %d jobs, %d assets, %d checks, %d schedules, %d"
              + " sensors; snapshot %s (%d bytes), server id %s",
          locationName,
          millis,
          snapshot.jobs().size(),
          snapshot.assets().size(),
          snapshot.assetChecks().size(),
          snapshot.schedules().size(),
          snapshot.sensors().size(),
          snapshot.contentHash(),
          snapshotMessage.getSerializedSize(),
          serverId);
    } else {
      LOG.errorf(
          "Code location '%s' started without definitions. %s",
          locationName, loaded.describeErrors());
    }
  }

  /**
   * Returns the location's name.
   *
   * @return the name
   */
  public String locationName() {
    return locationName;
  }

  /**
   * Returns the id of this server process, new at every start.
   *
   * @return a random UUID
   */
  public String serverId() {
    return serverId;
  }

  /**
   * Returns the definitions or their load errors.
   *
   * @return the outcome of loading
   */
  public LoadedDefinitions loaded() {
    return loaded;
  }

  /**
   * Returns the snapshot.
   *
   * @return the snapshot, with load errors if any
   */
  public CodeLocationSnapshot snapshot() {
    return snapshot;
  }

  /**
   * Returns the snapshot as the message {@code GetSnapshot} sends, built once.
   *
   * @return the message
   */
  public CodeLocation snapshotMessage() {
    return snapshotMessage;
  }

  /**
   * Returns the answer of {@code GetSnapshot}, serialized once: the snapshot travels as the bytes
   * of its field, so that a call copies them instead of serializing megabytes again.
   *
   * @return the response
   */
  public GetSnapshotResponse snapshotResponse() {
    return snapshotResponse;
  }

  /**
   * Builds a {@code GetSnapshotResponse} whose {@code snapshot} field holds the message's bytes, as
   * an unknown field of the same number: on the wire it is exactly the response with the field set
   * (a length-delimited field 1), but writing it is a copy of bytes, not a walk of the tree.
   * Serializing a 10,000-asset snapshot takes tens of milliseconds; this keeps them out of every
   * call.
   */
  static GetSnapshotResponse preSerialized(CodeLocation snapshot) {
    ByteString bytes = snapshot.toByteString();
    return GetSnapshotResponse.newBuilder()
        .setUnknownFields(
            UnknownFieldSet.newBuilder()
                .addField(
                    GetSnapshotResponse.SNAPSHOT_FIELD_NUMBER,
                    UnknownFieldSet.Field.newBuilder().addLengthDelimited(bytes).build())
                .build())
        .build();
  }

  /**
   * Returns the planning and config validation service.
   *
   * @return the service
   */
  public ExecutionPlanService plans() {
    return plans;
  }

  /**
   * Returns the partitions service.
   *
   * @return the service
   */
  public PartitionService partitions() {
    return partitions;
  }

  /**
   * Returns the schedule and sensor evaluation service.
   *
   * @return the service
   */
  public InstigatorService instigators() {
    return instigators;
  }
}
