package io.pipewright.examples.etl.docs;

import static io.pipewright.examples.etl.docs.DocOps.ENV;
import static io.pipewright.examples.etl.docs.DocOps.WAREHOUSE_CONFIG;
import static io.pipewright.examples.etl.docs.DocOps.dailyOrdersJob;
import static io.pipewright.sdk.event.EventType.HANDLED_OUTPUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.event.HandledOutputData;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.io.IOManager;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.io.InputContext;
import io.pipewright.sdk.io.OutputContext;
import io.pipewright.sdk.metadata.MetadataValue;
import io.pipewright.sdk.resource.ResourceDefinition;
import io.pipewright.sdk.testing.RunAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the snippets of the "IO manager" section of {@code docs/concepts.md}. */
class IoManagersDocTest {

  // tag::io-manager[]
  /** Stores each output as an object in a bucket; a map stands in for the object store client. */
  static final class ObjectStoreIOManager implements IOManager {
    private final Map<String, Object> bucket;

    ObjectStoreIOManager(Map<String, Object> bucket) {
      this.bucket = bucket;
    }

    @Override
    public void handleOutput(OutputContext context, Object value) {
      // run id / step key / output name [/ mapping key]: unique within a deployment
      String key = String.join("/", context.identifier());
      bucket.put(key, value);
      context.addMetadata("object_key", key); // shown on the HANDLED_OUTPUT event
    }

    @Override
    public Object loadInput(InputContext context) {
      return bucket.get(String.join("/", context.upstreamOutput().identifier()));
    }
  }

  static ResourceDefinition<IOManager> objectStore(Map<String, Object> bucket) {
    return ResourceDefinition.<IOManager>builder(ctx -> new ObjectStoreIOManager(bucket))
        .description("Stores outputs in the object store.")
        .ioManager()
        .build();
  }

  // end::io-manager[]

  @Test
  void shouldStoreEveryOutputInTheBucketWhenBoundAsTheDefaultIoManager() {
    Map<String, Object> bucket = new ConcurrentHashMap<>();
    // tag::io-manager-bind[]
    JobDefinition job =
        dailyOrdersJob().toBuilder()
            .resource("io_manager", objectStore(bucket)) // every output that names no other
            .build();
    // end::io-manager-bind[]

    ExecutionResult result =
        JobExecution.of(job).runId("r1").runConfig(WAREHOUSE_CONFIG).env(ENV).execute();

    RunAssertions.assertThat(result).succeeded();
    assertThat(bucket)
        .containsOnlyKeys(
            "r1/read_orders/result",
            "r1/clean.dedupe/result",
            "r1/clean.drop_cancelled/result",
            "r1/load_orders/result")
        .containsEntry("r1/load_orders/result", 3);
    HandledOutputData handled =
        (HandledOutputData) result.eventsOfType(HANDLED_OUTPUT).get(0).data();
    assertThat(handled.metadata().get("object_key"))
        .contains(MetadataValue.of("r1/read_orders/result"));
  }

  @Test
  void shouldWriteJsonFilesWhenTheFilesystemIoManagerIsBound(@TempDir Path dataDir)
      throws Exception {
    // tag::io-manager-filesystem[]
    JobDefinition job =
        dailyOrdersJob().toBuilder()
            .resource("io_manager", IOManagers.filesystem(dataDir)) // JSON files, not pickles
            .build();
    // end::io-manager-filesystem[]

    ExecutionResult result =
        JobExecution.of(job).runId("r2").runConfig(WAREHOUSE_CONFIG).env(ENV).execute();

    RunAssertions.assertThat(result).succeeded().outputEquals("load_orders", 3);
    Path stored = dataDir.resolve("r2/clean.drop_cancelled/result.json");
    assertThat(Files.readString(stored))
        .startsWith("[{\"id\":\"o1\",\"region\":\"north\",\"amount\":120.0,\"status\":\"paid\"}");
  }
}
