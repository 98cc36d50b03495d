package io.pipewright.daemon.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.launch.AttemptId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileComputeLogStoreTest {

  @TempDir Path dir;

  @Test
  void shouldReadWhatWasWrittenInChunksWhenReadingFromOffsets() throws Exception {
    FileComputeLogStore store = new FileComputeLogStore(dir);
    AttemptId id = new AttemptId("run", "graph.op[key with space]", 1);
    Path stdout = store.prepare(id).stdout();
    Files.writeString(stdout, "line one\nline two\n");

    LogChunk first = store.read(id, LogStream.STDOUT, 0, 9);
    LogChunk second = store.read(id, LogStream.STDOUT, first.nextOffset(), 100);

    assertThat(first.text()).isEqualTo("line one\n");
    assertThat(first.atEnd()).isFalse();
    assertThat(second.text()).isEqualTo("line two\n");
    assertThat(second.atEnd()).isTrue();
    assertThat(store.attempts("run")).containsExactly(id);
  }

  @Test
  void shouldNotCutACharacterWhenAChunkEndsInsideIt() throws Exception {
    FileComputeLogStore store = new FileComputeLogStore(dir);
    AttemptId id = new AttemptId("run", "op", 1);
    Files.write(store.prepare(id).stderr(), "aé".getBytes(StandardCharsets.UTF_8));

    LogChunk chunk = store.read(id, LogStream.STDERR, 0, 2);

    assertThat(chunk.text()).isEqualTo("a");
    assertThat(chunk.nextOffset()).isEqualTo(1);
    assertThat(store.read(id, LogStream.STDERR, 1, 2).text()).isEqualTo("é");
  }

  @Test
  void shouldReturnTheLastLinesWhenTailing() throws Exception {
    FileComputeLogStore store = new FileComputeLogStore(dir);
    AttemptId id = new AttemptId("run", "op", 1);
    Files.writeString(store.prepare(id).stderr(), "a\nb\r\nc\n");

    assertThat(store.tail(id, LogStream.STDERR, 2)).containsExactly("b", "c");
    assertThat(store.tail(new AttemptId("run", "none", 1), LogStream.STDERR, 2)).isEmpty();
    assertThat(store.read(new AttemptId("x", "y", 1), LogStream.STDOUT, 0, 10).text()).isEmpty();
  }

  @Test
  void shouldDeleteOnlyOldLogsWhenRetentionRuns() throws Exception {
    FileComputeLogStore store = new FileComputeLogStore(dir);
    AttemptId old = new AttemptId("old-run", "op", 1);
    AttemptId fresh = new AttemptId("new-run", "op", 1);
    for (Path file : java.util.List.of(store.prepare(old).stdout(), store.prepare(old).stderr())) {
      Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
      Files.setLastModifiedTime(
          file.getParent(), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    }
    store.prepare(fresh);

    int deleted = store.deleteOlderThan(Instant.parse("2021-01-01T00:00:00Z"));

    assertThat(deleted).isEqualTo(1);
    assertThat(store.attempts("old-run")).isEmpty();
    assertThat(store.attempts("new-run")).containsExactly(fresh);
    assertThat(store.deleteRun("new-run")).isEqualTo(1);
  }
}
