package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.io.InputContext;
import io.pipewright.sdk.io.OutputContext;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.types.DataType;
import java.util.Optional;

/** The contexts handed to IO managers. */
final class IoContexts {
  private IoContexts() {}

  static final class Output implements OutputContext {
    private final String jobName;
    private final OutputRef ref;
    private final Metadata metadata;
    private Metadata added = Metadata.empty();

    Output(String jobName, OutputRef ref, Metadata metadata) {
      this.jobName = jobName;
      this.ref = ref;
      this.metadata = metadata;
    }

    Metadata added() {
      return added;
    }

    @Override
    public String runId() {
      return ref.runId();
    }

    @Override
    public String jobName() {
      return jobName;
    }

    @Override
    public String stepKey() {
      return ref.stepKey();
    }

    @Override
    public String opName() {
      return ref.opName();
    }

    @Override
    public String outputName() {
      return ref.out().name();
    }

    @Override
    public Optional<String> mappingKey() {
      return Optional.ofNullable(ref.mappingKey());
    }

    @Override
    public DataType dataType() {
      return ref.out().type();
    }

    @Override
    public Metadata metadata() {
      return metadata;
    }

    @Override
    public Optional<AssetKey> assetKey() {
      return Optional.ofNullable(ref.out().assetKey());
    }

    @Override
    public Optional<String> partitionKey() {
      return Optional.ofNullable(ref.partitionKey());
    }

    @Override
    public void addMetadata(String key, Object value) {
      added = added.with(key, value);
    }
  }

  static final class Input implements InputContext {
    private final String runId;
    private final String jobName;
    private final String stepKey;
    private final String opName;
    private final io.pipewright.sdk.In in;
    private final OutputContext upstream;

    Input(
        String runId,
        String jobName,
        String stepKey,
        String opName,
        io.pipewright.sdk.In in,
        OutputContext upstream) {
      this.runId = runId;
      this.jobName = jobName;
      this.stepKey = stepKey;
      this.opName = opName;
      this.in = in;
      this.upstream = upstream;
    }

    @Override
    public String runId() {
      return runId;
    }

    @Override
    public String jobName() {
      return jobName;
    }

    @Override
    public String stepKey() {
      return stepKey;
    }

    @Override
    public String opName() {
      return opName;
    }

    @Override
    public String inputName() {
      return in.name();
    }

    @Override
    public DataType dataType() {
      // A list input loads each upstream value with the upstream's own type.
      return in.type().isAny() || in.type().displayName().startsWith("List[")
          ? upstream.dataType()
          : in.type();
    }

    @Override
    public Metadata metadata() {
      return in.metadata();
    }

    @Override
    public OutputContext upstreamOutput() {
      return upstream;
    }

    @Override
    public Optional<AssetKey> assetKey() {
      return upstream.assetKey();
    }

    @Override
    public Optional<String> partitionKey() {
      return upstream.partitionKey();
    }
  }
}
