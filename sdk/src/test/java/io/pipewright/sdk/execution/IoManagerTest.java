package io.pipewright.sdk.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.HandledOutputData;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.io.InMemoryIOManager;
import io.pipewright.sdk.resource.ResourceDefinition;
import io.pipewright.sdk.types.Types;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoManagerTest {

  record Row(String id, LocalDate day, double amount) {}

  @Test
  void shouldStoreOutputsAsJsonFilesAndLoadThemBackAsTheDeclaredRecordType(@TempDir Path dir)
      throws Exception {
    OpDefinition produce =
        OpDefinition.builder("produce")
            .output(Types.list(Types.of(Row.class)))
            .compute((ctx, in) -> List.of(new Row("a", LocalDate.of(2026, 1, 2), 1.5)))
            .build();
    OpDefinition consume =
        OpDefinition.builder("consume")
            .input("rows", Types.list(Types.of(Row.class)))
            .output(Types.DOUBLE)
            .compute((ctx, in) -> in.getList("rows", Row.class).get(0).amount())
            .build();
    GraphDefinition g =
        GraphDefinition.builder("g")
            .compose(b -> b.add(consume).in("rows", b.add(produce).out()))
            .build();
    ExecutionResult result =
        JobExecution.of(
                JobDefinition.builder("fs_job", g)
                    .resource("io_manager", IOManagers.filesystem(dir))
                    .build())
            .runId("run-fs")
            .execute();

    assertThat(result.isSuccess()).isTrue();
    Path stored = dir.resolve("run-fs").resolve("produce").resolve("result.json");
    assertThat(Files.readString(stored)).contains("\"day\":\"2026-01-02\"");
    assertThat(result.outputFor("consume")).isEqualTo(1.5);
    assertThat(result.outputFor("produce", "result", List.class).get(0))
        .isEqualTo(new Row("a", LocalDate.of(2026, 1, 2), 1.5));
    HandledOutputData handled =
        result
            .eventsOfType(EventType.HANDLED_OUTPUT)
            .get(0)
            .data(HandledOutputData.class)
            .orElseThrow();
    assertThat(handled.metadata().get("path")).isPresent();
  }

  @Test
  void shouldFailWithAClearMessageWhenAValueCannotBeStoredAsJson(@TempDir Path dir) {
    OpDefinition stream =
        OpDefinition.builder("stream").compute((ctx, in) -> InputStream.nullInputStream()).build();
    ExecutionResult result =
        JobExecution.of(
                JobDefinition.builder("j", stream)
                    .resource("io_manager", IOManagers.filesystem(dir))
                    .build())
            .execute();

    assertThat(result.failureOf("stream").orElseThrow().message())
        .contains("cannot store output 'result'", "Out.withIoManager");
  }

  @Test
  void shouldUseThePerOutputIoManagerKey(@TempDir Path dir) {
    InMemoryIOManager special = new InMemoryIOManager();
    OpDefinition op =
        OpDefinition.builder("op")
            .output(Out.of("result", Types.INT).withIoManager("special"))
            .compute((ctx, in) -> 7)
            .build();
    ExecutionResult result =
        JobExecution.of(
                JobDefinition.builder("j", op)
                    .resource(
                        "special", ResourceDefinition.builder(ctx -> special).ioManager().build())
                    .resource("io_manager", IOManagers.filesystem(dir))
                    .build())
            .execute();

    assertThat(result.isSuccess()).isTrue();
    assertThat(special.size()).isEqualTo(1);
  }
}
