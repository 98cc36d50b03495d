package io.pipewright.executor.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.executor.k8s.internal.AttemptBook.Stage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptBookTest {

  private static final AttemptId ID = new AttemptId("run-1", "extract", 1);
  private static final Instant T = Instant.parse("2026-01-05T10:00:00Z");

  private static AttemptStatus pending(String message) {
    return new AttemptStatus(ID, AttemptStatus.Phase.PENDING, T, null, null, message, List.of());
  }

  @Test
  void shouldReportPhasesOnlyForwardAndNothingAfterTheEnd() {
    AttemptBook book = new AttemptBook();
    book.track(ID, "pod-a");

    assertThat(book.offer(pending("created"), T)).isTrue();
    assertThat(book.offer(pending("created"), T)).as("same phase, same message").isFalse();
    assertThat(book.offer(pending("waits: ImagePullBackOff"), T)).as("new message").isTrue();
    assertThat(book.offer(AttemptStatus.running(ID, T), T)).isTrue();
    assertThat(book.offer(pending("late"), T)).as("backwards").isFalse();
    assertThat(book.offer(AttemptStatus.succeeded(ID, T), T)).isTrue();
    assertThat(book.offer(AttemptStatus.terminated(ID, T), T)).as("after the end").isFalse();
    assertThat(book.stage(ID)).isEqualTo(Stage.ENDED);
    assertThat(book.latest()).containsExactly(AttemptStatus.succeeded(ID, T));
  }

  @Test
  void shouldHoldLiveStatusesBackWhileTheEndIsPrepared() {
    AttemptBook book = new AttemptBook();
    book.track(ID, "pod-a");
    book.offer(pending("created"), T);
    book.moveTo(ID, Stage.ENDING);

    assertThat(book.offer(AttemptStatus.running(ID, T), T)).isFalse();
    assertThat(book.offer(AttemptStatus.exited(ID, T, 3, List.of("boom")), T)).isTrue();
    assertThat(book.stage(ID)).isEqualTo(Stage.ENDED);
  }

  @Test
  void shouldThrowOnIllegalTransitionsWhenMovedByHand() {
    AttemptBook book = new AttemptBook();
    book.track(ID, "pod-a");
    book.moveTo(ID, Stage.TERMINATING);

    assertThatThrownBy(() -> book.moveTo(ID, Stage.LIVE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot move from TERMINATING to LIVE");
    assertThat(book.canMove(ID, Stage.ENDING)).as("its real end may come first").isTrue();
    assertThatThrownBy(() -> book.moveTo(new AttemptId("r", "s", 1), Stage.ENDED))
        .hasMessageContaining("not known");
  }

  @Test
  void shouldForgetOnlyEndedAttemptsWithoutPods() {
    AttemptBook book = new AttemptBook();
    AttemptId live = new AttemptId("run-1", "live", 1);
    book.track(ID, "pod-a");
    book.track(live, "pod-b");
    book.offer(
        AttemptStatus.failed(ID, T, AttemptFailureReason.EVICTED, null, "evicted", List.of()), T);

    assertThat(book.endedWithoutPod(name -> name.equals("pod-a"))).isEmpty();
    assertThat(book.endedWithoutPod(name -> false)).containsOnlyKeys(ID).containsEntry(ID, T);
    book.forget(List.of(ID, live));

    assertThat(book.knows(ID)).isFalse();
    assertThat(book.knows(live)).as("live attempts are never forgotten").isTrue();
    assertThat(book.live("run-1")).containsExactly(live);
  }
}
