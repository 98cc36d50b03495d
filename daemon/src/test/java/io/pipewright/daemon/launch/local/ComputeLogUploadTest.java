package io.pipewright.daemon.launch.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.logs.LogStream;
import io.pipewright.storage.files.FileComputeLogStore;
import io.pipewright.storage.memory.InMemoryComputeLogStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComputeLogUploadTest {

  private static final AttemptId ATTEMPT = new AttemptId("run-1", "extract", 1);

  @TempDir Path dir;

  private final InMemoryComputeLogStore store = new InMemoryComputeLogStore();
  private final List<String> told = new ArrayList<>();

  private final AttemptOutputListener events =
      new AttemptOutputListener() {
        @Override
        public void started(AttemptId attempt, Path stdout) {
          told.add("started " + attempt.stepKey());
        }

        @Override
        public void ended(AttemptId attempt, Path stdout) {
          told.add("ended " + attempt.stepKey() + " with " + store.attempts("run-1").size());
        }
      };

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void shouldCopyBothStreamsAfterTheEventsWhenTheWorkerEnded() {
    FileComputeLogStore files = new FileComputeLogStore(dir);
    files.prepare(ATTEMPT);
    files.append(ATTEMPT, LogStream.STDOUT, utf8("{\"event\":1}\nrows: 10 €\n"));
    files.append(ATTEMPT, LogStream.STDERR, utf8("WARN slow\n"));
    ComputeLogUpload upload = new ComputeLogUpload(events, files, store);

    upload.started(ATTEMPT, files.files(ATTEMPT).stdout());
    assertThat(store.attempts("run-1")).isEmpty();
    upload.ended(ATTEMPT, files.files(ATTEMPT).stdout());

    assertThat(told).containsExactly("started extract", "ended extract with 0");
    assertThat(store.read(ATTEMPT, LogStream.STDOUT, 0, 1000).text())
        .isEqualTo("{\"event\":1}\nrows: 10 €\n");
    assertThat(store.read(ATTEMPT, LogStream.STDERR, 0, 1000).text()).isEqualTo("WARN slow\n");
  }

  @Test
  void shouldNotCopyTwiceWhenTheSameEndIsSeenAgain() {
    FileComputeLogStore files = new FileComputeLogStore(dir);
    files.prepare(ATTEMPT);
    files.append(ATTEMPT, LogStream.STDOUT, utf8("once\n"));
    ComputeLogUpload upload = new ComputeLogUpload(AttemptOutputListener.NONE, files, store);

    upload.ended(ATTEMPT, files.files(ATTEMPT).stdout());
    upload.ended(ATTEMPT, files.files(ATTEMPT).stdout());

    assertThat(store.read(ATTEMPT, LogStream.STDOUT, 0, 1000).text()).isEqualTo("once\n");
    assertThat(store.read(ATTEMPT, LogStream.STDERR, 0, 1000).text()).isEmpty();
  }
}
