package io.pipewright.storage.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.logs.ComputeLogStore;
import io.pipewright.core.logs.LogStream;
import io.pipewright.storage.contract.ComputeLogStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compute log contract on files, plus what only files do: a process writing them directly. */
class FileComputeLogStoreTest extends ComputeLogStoreContract {

  @TempDir Path dir;

  @Override
  protected ComputeLogStore emptyStore() {
    return new FileComputeLogStore(dir);
  }

  @Test
  void shouldReadWhatAProcessWroteToThePreparedFilesWhenRead() throws Exception {
    FileComputeLogStore files = new FileComputeLogStore(dir);
    AttemptId id = new AttemptId("run", "op", 1);
    Files.writeString(files.prepare(id).stdout(), "from the child\n");

    assertThat(files.read(id, LogStream.STDOUT, 0, 100).text()).isEqualTo("from the child\n");
    assertThat(files.attempts("run")).containsExactly(id);
  }

  @Test
  void shouldDeleteOnlyOldLogsWhenRetentionRunsOnFileTimes() throws Exception {
    FileComputeLogStore files = new FileComputeLogStore(dir);
    AttemptId old = new AttemptId("old-run", "op", 1);
    AttemptId fresh = new AttemptId("new-run", "op", 1);
    for (Path file : List.of(files.prepare(old).stdout(), files.prepare(old).stderr())) {
      Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
      Files.setLastModifiedTime(
          file.getParent(), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    }
    files.prepare(fresh);

    int deleted = files.deleteOlderThan(Instant.parse("2021-01-01T00:00:00Z"));

    assertThat(deleted).isEqualTo(1);
    assertThat(files.attempts("old-run")).isEmpty();
    assertThat(files.attempts("new-run")).containsExactly(fresh);
  }
}
