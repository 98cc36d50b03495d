package io.pipewright.webserver.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.snapshot.StepInputSnapshot;
import io.pipewright.core.snapshot.StepInputSourceSnapshot;
import io.pipewright.core.snapshot.StepSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReexecutionTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  /** a -> b -> c, and a -> d; split -> square[?] (mapped over split's output). */
  private static final ExecutionPlanSnapshot PLAN =
      new ExecutionPlanSnapshot(
          "job",
          List.of(
              step("a", null),
              step("b", null, "a"),
              step("c", null, "b"),
              step("d", null, "a"),
              step("split", null),
              step("square", new StepSnapshot.DynamicMapping("split", "out"), "split")));

  @Test
  void shouldRetryTheFailedStepAndEverythingDownstreamOfIt() {
    List<String> keys =
        Reexecution.stepsFromFailure(
            run(RunStatus.FAILURE),
            PLAN,
            events(
                ok("a"), failed("b"), ok("d"), ok("split"), started("square[1]"), ok("square[1]")));

    assertThat(keys).containsExactly("b", "c");
  }

  @Test
  void shouldRetryAMappedStepWhenOneOfItsInstancesDidNotSucceed() {
    List<String> keys =
        Reexecution.stepsFromFailure(
            run(RunStatus.CANCELED),
            PLAN,
            events(
                ok("a"),
                ok("b"),
                ok("c"),
                ok("d"),
                ok("split"),
                started("square[1]"),
                ok("square[1]"),
                started("square[2]")));

    assertThat(keys).containsExactly("square[?]");
  }

  @Test
  void shouldRefuseWhenTheParentDidNotFailOrNothingFailed() {
    assertThatThrownBy(() -> Reexecution.stepsFromFailure(run(RunStatus.SUCCESS), PLAN, List.of()))
        .hasMessageContaining("not failed or canceled")
        .hasMessageContaining("ALL_STEPS");
    assertThatThrownBy(
            () ->
                Reexecution.stepsFromFailure(
                    run(RunStatus.FAILURE),
                    PLAN,
                    events(
                        ok("a"),
                        ok("b"),
                        ok("c"),
                        ok("d"),
                        ok("split"),
                        started("square[1]"),
                        ok("square[1]"))))
        .hasMessageContaining("No steps needed to be retried");
  }

  @Test
  void shouldInheritTheParentsTagsButNotItsLineageOrRetryMarkers() {
    Run parent =
        Run.builder("p", "job", "loc")
            .tags(
                Map.of(
                    "owner",
                    "ana",
                    SystemTags.PARENT_RUN_ID,
                    "grandparent",
                    SystemTags.RESUME_RETRY,
                    "true"))
            .createTime(T)
            .build();

    assertThat(Reexecution.inheritedTags(parent, true, Map.of("extra", "1")))
        .containsOnlyKeys("owner", "extra");
    assertThat(Reexecution.inheritedTags(parent, false, Map.of())).isEmpty();
  }

  private static Run run(RunStatus status) {
    return Run.builder("parent", "job", "loc").status(status).createTime(T).build();
  }

  private static StepSnapshot step(
      String handle, StepSnapshot.DynamicMapping mapping, String... upstream) {
    List<StepInputSnapshot> inputs = new ArrayList<>();
    for (String up : upstream) {
      inputs.add(
          new StepInputSnapshot(
              "in_" + up,
              "Any",
              List.of(new StepInputSourceSnapshot.StepOutput(up, "out", false)),
              false,
              false));
    }
    return new StepSnapshot(
        mapping == null ? handle : handle + StepSnapshot.UNRESOLVED_MAPPING_SUFFIX,
        handle,
        handle,
        mapping,
        inputs,
        List.of(),
        Map.of(),
        null,
        List.of(),
        List.of());
  }

  private static EventRecord[] ok(String key) {
    return new EventRecord[] {
      event(key, DagsterEventType.STEP_START), event(key, DagsterEventType.STEP_SUCCESS)
    };
  }

  private static EventRecord[] failed(String key) {
    return new EventRecord[] {
      event(key, DagsterEventType.STEP_START), event(key, DagsterEventType.STEP_FAILURE)
    };
  }

  private static EventRecord[] started(String key) {
    return new EventRecord[] {event(key, DagsterEventType.STEP_START)};
  }

  private static EventRecord event(String key, DagsterEventType type) {
    return new EventRecord("parent", key, 1, 0, T, type, EventLevel.INFO, "", null);
  }

  private static List<StoredEvent> events(EventRecord[]... groups) {
    List<StoredEvent> events = new ArrayList<>();
    long id = 1;
    for (EventRecord[] group : groups) {
      for (EventRecord record : group) {
        events.add(new StoredEvent(id++, record));
      }
    }
    return events;
  }
}
