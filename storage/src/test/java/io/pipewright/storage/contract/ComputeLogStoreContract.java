package io.pipewright.storage.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.logs.ComputeLogStore;
import io.pipewright.core.logs.LogChunk;
import io.pipewright.core.logs.LogStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link ComputeLogStore}: every adapter's test extends this class. */
public abstract class ComputeLogStoreContract {

  /** The adapter under test, empty before each test. */
  protected ComputeLogStore store;

  /**
   * Returns the adapter under test with nothing stored.
   *
   * @return the store
   */
  protected abstract ComputeLogStore emptyStore();

  @BeforeEach
  void createStore() {
    store = emptyStore();
  }

  private void append(AttemptId attempt, LogStream stream, String text) {
    store.append(attempt, stream, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldReadWhatWasAppendedInChunksWhenReadingFromOffsets() {
    AttemptId id = new AttemptId("run", "graph.op[key with space]", 1);
    append(id, LogStream.STDOUT, "line ");
    append(id, LogStream.STDOUT, "one\nline two\n");
    append(id, LogStream.STDERR, "oops\n");

    LogChunk first = store.read(id, LogStream.STDOUT, 0, 9);
    LogChunk second = store.read(id, LogStream.STDOUT, first.nextOffset(), 100);

    assertThat(first.text()).isEqualTo("line one\n");
    assertThat(first.atEnd()).isFalse();
    assertThat(second.text()).isEqualTo("line two\n");
    assertThat(second.offset()).isEqualTo(9);
    assertThat(second.nextOffset()).isEqualTo(18);
    assertThat(second.atEnd()).isTrue();
    assertThat(store.read(id, LogStream.STDERR, 0, 100).text()).isEqualTo("oops\n");
    assertThat(store.read(id, LogStream.STDOUT, 18, 100)).isEqualTo(new LogChunk("", 18, 18, true));
  }

  @Test
  void shouldReadAcrossAppendsWhenAChunkStartsInsideOne() {
    AttemptId id = new AttemptId("run", "op", 1);
    append(id, LogStream.STDOUT, "abc");
    append(id, LogStream.STDOUT, "def");
    append(id, LogStream.STDOUT, "ghi");

    assertThat(store.read(id, LogStream.STDOUT, 2, 5).text()).isEqualTo("cdefg");
  }

  @Test
  void shouldNotCutACharacterWhenAChunkEndsInsideIt() {
    AttemptId id = new AttemptId("run", "op", 1);
    append(id, LogStream.STDERR, "aé");

    LogChunk chunk = store.read(id, LogStream.STDERR, 0, 2);

    assertThat(chunk.text()).isEqualTo("a");
    assertThat(chunk.nextOffset()).isEqualTo(1);
    assertThat(store.read(id, LogStream.STDERR, 1, 2).text()).isEqualTo("é");
  }

  @Test
  void shouldReturnTheLastLinesWhenTailing() {
    AttemptId id = new AttemptId("run", "op", 1);
    append(id, LogStream.STDERR, "a\nb\r\n");
    append(id, LogStream.STDERR, "c\n");

    assertThat(store.tail(id, LogStream.STDERR, 2)).containsExactly("b", "c");
    assertThat(store.tail(id, LogStream.STDERR, 0)).isEmpty();
    assertThat(store.tail(new AttemptId("run", "none", 1), LogStream.STDERR, 2)).isEmpty();
  }

  @Test
  void shouldReadNothingWhenTheAttemptHasNoLog() {
    LogChunk chunk = store.read(new AttemptId("x", "y", 1), LogStream.STDOUT, 0, 10);

    assertThat(chunk).isEqualTo(new LogChunk("", 0, 0, true));
    assertThat(store.attempts("x")).isEmpty();
  }

  @Test
  void shouldRejectANegativeOffsetOrAnEmptyReadWhenReading() {
    AttemptId id = new AttemptId("run", "op", 1);

    assertThatThrownBy(() -> store.read(id, LogStream.STDOUT, -1, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset >= 0");
    assertThatThrownBy(() -> store.read(id, LogStream.STDOUT, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBytes >= 1");
  }

  @Test
  void shouldListAttemptsByStepThenAttemptWhenAsked() {
    AttemptId b2 = new AttemptId("run", "b", 2);
    AttemptId a1 = new AttemptId("run", "a", 1);
    AttemptId b1 = new AttemptId("run", "b", 1);
    append(b2, LogStream.STDOUT, "x");
    append(a1, LogStream.STDERR, "x");
    append(b1, LogStream.STDOUT, "x");
    append(new AttemptId("other", "a", 1), LogStream.STDOUT, "x");

    assertThat(store.attempts("run")).containsExactly(a1, b1, b2);
  }

  @Test
  void shouldDeleteEveryAttemptOfARunWhenTheRunIsDeleted() {
    append(new AttemptId("run", "a", 1), LogStream.STDOUT, "x");
    append(new AttemptId("run", "a", 2), LogStream.STDERR, "x");
    append(new AttemptId("keep", "a", 1), LogStream.STDOUT, "x");

    assertThat(store.deleteRun("run")).isEqualTo(2);
    assertThat(store.attempts("run")).isEmpty();
    assertThat(store.read(new AttemptId("run", "a", 1), LogStream.STDOUT, 0, 10).text()).isEmpty();
    assertThat(store.attempts("keep")).hasSize(1);
    assertThat(store.deleteRun("run")).isZero();
  }

  @Test
  void shouldDeleteOnlyLogsLastWrittenBeforeTheCutoffWhenRetentionRuns() {
    AttemptId id = new AttemptId("run", "op", 1);
    append(id, LogStream.STDOUT, "x");

    assertThat(store.deleteOlderThan(Instant.now().minus(1, ChronoUnit.HOURS))).isZero();
    assertThat(store.attempts("run")).containsExactly(id);
    assertThat(store.deleteOlderThan(Instant.now().plus(1, ChronoUnit.HOURS))).isEqualTo(1);
    assertThat(store.attempts("run")).isEmpty();
  }
}
