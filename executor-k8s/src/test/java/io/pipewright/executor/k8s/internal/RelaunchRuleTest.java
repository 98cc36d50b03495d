package io.pipewright.executor.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.executor.k8s.internal.RelaunchRule.Facts;
import io.pipewright.executor.k8s.internal.RelaunchRule.Pod;
import io.pipewright.executor.k8s.internal.RelaunchRule.Verdict;
import io.pipewright.executor.k8s.internal.RelaunchRule.Worker;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link RelaunchRule}'s table, case by case. */
class RelaunchRuleTest {

  private static final Instant LAUNCHER = Instant.parse("2026-11-22T06:00:00Z");

  /** The run's start relative to the launcher's: BEFORE, SAME, AFTER or NONE (not started). */
  private static Instant run(String when) {
    return switch (when) {
      case "BEFORE" -> LAUNCHER.minus(Duration.ofMillis(1));
      case "SAME" -> LAUNCHER;
      case "AFTER" -> LAUNCHER.plus(Duration.ofMinutes(5));
      case "NONE" -> null;
      default -> throw new IllegalArgumentException(when);
    };
  }

  @ParameterizedTest(name = "run {0}, pod {1}, worker {2} -> {3}")
  @CsvSource({
    // Only this launcher can have created a pod of a run that started since it did.
    "NONE,   NOT_READ,      NOT_ASKED, CREATE",
    "SAME,   NOT_READ,      NOT_ASKED, CREATE",
    "AFTER,  NOT_READ,      NOT_ASKED, CREATE",
    "AFTER,  ABSENT,        REPORTED,  CREATE",
    // A run that started before: the pod first, then the worker.
    "BEFORE, NOT_READ,      NOT_ASKED, READ_POD",
    "BEFORE, PRESENT,       NOT_ASKED, ADOPT",
    "BEFORE, OTHER_ATTEMPT, NOT_ASKED, CREATE",
    "BEFORE, ABSENT,        NOT_ASKED, ASK_WORKER",
    "BEFORE, ABSENT,        SILENT,    CREATE",
    "BEFORE, ABSENT,        REPORTED,  LOST",
    "BEFORE, ABSENT,        UNKNOWN,   REFUSE",
  })
  void shouldDecideEachCaseOfTheTable(String run, Pod pod, Worker worker, Verdict expected) {
    Verdict verdict = RelaunchRule.decide(new Facts(LAUNCHER, run(run), pod, worker));

    assertThat(verdict).isEqualTo(expected);
    assertThat(verdict.isFinal())
        .isEqualTo(expected != Verdict.READ_POD && expected != Verdict.ASK_WORKER);
  }

  @Test
  void shouldNeverCreateWhenTheWorkerReportedWhateverTheOrderOfQuestions() {
    Facts facts = Facts.of(LAUNCHER, run("BEFORE"));
    assertThat(RelaunchRule.decide(facts)).isEqualTo(Verdict.READ_POD);
    facts = facts.withPod(Pod.ABSENT);
    assertThat(RelaunchRule.decide(facts)).isEqualTo(Verdict.ASK_WORKER);
    facts = facts.withWorker(Worker.REPORTED);

    assertThat(RelaunchRule.decide(facts)).isEqualTo(Verdict.LOST);
  }

  @Test
  void shouldRefuseFactsGatheredInTheWrongOrderWhenTheWorkerWasAskedBeforeThePodWasRead() {
    Facts asked = Facts.of(LAUNCHER, run("BEFORE")).withWorker(Worker.SILENT);

    assertThatThrownBy(() -> RelaunchRule.decide(asked))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only after the pod was read and found absent");
    Facts present = asked.withPod(Pod.PRESENT);
    assertThatThrownBy(() -> RelaunchRule.decide(present))
        .isInstanceOf(IllegalStateException.class);
  }
}
