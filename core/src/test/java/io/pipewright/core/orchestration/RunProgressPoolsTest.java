package io.pipewright.core.orchestration;

import static io.pipewright.core.orchestration.Plans.plan;
import static io.pipewright.core.orchestration.Plans.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.concurrency.ConcurrencyPools;
import io.pipewright.core.concurrency.PendingStep;
import io.pipewright.core.concurrency.PoolLimits;
import io.pipewright.core.concurrency.SlotAllocation;
import io.pipewright.core.concurrency.SlotHolder;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Op concurrency pools across runs: steps ask for slots, the allocation grants, runs launch. */
class RunProgressPoolsTest {

  private static final ExecutionPlanSnapshot POOLED =
      plan(step("query").tag("pool", "warehouse"), step("free"));

  @Test
  void shouldAskForASlotInsteadOfLaunchingWhenTheStepIsInAPool() {
    Driver run = new Driver(POOLED);

    RunDecision decision = run.decide();

    assertThat(decision.launchedStepKeys()).containsExactly("free");
    assertThat(decision.slotRequests())
        .containsExactly(new PendingStep(Driver.RUN, "query", "warehouse", 0, Driver.T0));
    assertThat(run.statusOf("query")).isEqualTo(StepStatus.READY);
  }

  @Test
  void shouldLaunchOnceGrantedAndFreeTheSlotWhenTheAttemptEnds() {
    Driver run = new Driver(POOLED);
    run.decide();

    assertThat(run.progress.grantSlot("query")).isTrue();
    assertThat(run.progress.slotHolders())
        .containsExactly(new SlotHolder(Driver.RUN, "query", "warehouse"));
    RunDecision decision = run.decide();
    assertThat(decision.launchedStepKeys()).containsExactly("query");
    assertThat(decision.launches().get(0).pool()).isEqualTo("warehouse");
    assertThat(decision.slotRequests()).isEmpty();

    run.succeed("query");
    assertThat(run.progress.slotHolders()).isEmpty();
  }

  @Test
  void shouldRefuseASlotForAStepThatDoesNotWaitForOne() {
    Driver run = new Driver(POOLED);
    run.decide();

    assertThat(run.progress.grantSlot("free")).isFalse();
    assertThat(run.progress.grantSlot("nope")).isFalse();
  }

  @Test
  void shouldAskAgainForASlotWhenARetryFallsDue() {
    Driver run = new Driver(POOLED);
    run.decide();
    run.progress.grantSlot("query");
    run.decide();

    run.upForRetry("query", 0);
    RunDecision decision = run.decide();

    assertThat(run.progress.slotHolders()).as("a waiting retry holds no slot").isEmpty();
    assertThat(decision.slotRequests()).extracting(PendingStep::stepKey).containsExactly("query");
  }

  @Test
  void shouldShareAPoolAcrossRunsOneSlotAtATimeInPriorityOrder() {
    Driver low = new Driver(POOLED, OrchestrationSettings.DEFAULTS, Map.of());
    Driver high =
        new Driver(POOLED, OrchestrationSettings.DEFAULTS, Map.of("dagster/priority", "3"));
    PoolLimits limits = PoolLimits.of(Map.of("warehouse", 1));

    List<PendingStep> pending = new ArrayList<>();
    pending.addAll(low.decide().slotRequests());
    pending.addAll(high.decide().slotRequests());
    SlotAllocation allocation = ConcurrencyPools.allocate(limits, List.of(), pending);

    assertThat(allocation.granted()).extracting(PendingStep::priority).containsExactly(3);
    high.progress.grantSlot(allocation.granted().get(0).stepKey());
    assertThat(high.decide().launchedStepKeys()).containsExactly("query");

    List<SlotHolder> holders = new ArrayList<>(high.progress.slotHolders());
    SlotAllocation next = ConcurrencyPools.allocate(limits, holders, low.decide().slotRequests());
    assertThat(next.granted()).isEmpty();
  }
}
