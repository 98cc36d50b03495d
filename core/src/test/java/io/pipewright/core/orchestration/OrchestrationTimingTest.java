package io.pipewright.core.orchestration;

import static io.pipewright.core.orchestration.Plans.plan;
import static io.pipewright.core.orchestration.Plans.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A guard on the decisions' share of the benchmark target (orchestrator time per step p99 of 50 ms
 * with 100 concurrent runs): 100 runs of 60 steps each advance in lock step, and every cycle that
 * turns an upstream success into the downstream launch is timed. Not a benchmark (that lives in
 * {@code bench}); it fails when the per-cycle work stops being proportional to what changed.
 */
class OrchestrationTimingTest {

  @Test
  void shouldDecideEachStepsLaunchFarWithinTheTargetWithAHundredConcurrentRuns() {
    Plans.Step[] steps = new Plans.Step[60];
    steps[0] = step("s0");
    for (int i = 1; i < steps.length; i++) {
      // A wide diamond chain: each step reads the previous one and the first.
      steps[i] = step("s" + i).in("x", "s" + (i - 1)).in("y", "s0");
    }
    ExecutionPlanSnapshot plan = plan(steps);
    List<Driver> runs = new ArrayList<>();
    for (int r = 0; r < 100; r++) {
      Driver run = new Driver(plan);
      run.decide();
      runs.add(run);
    }
    long[] nanos = new long[100 * (steps.length - 1)];
    int n = 0;
    for (int i = 0; i < steps.length - 1; i++) {
      for (Driver run : runs) {
        run.succeed("s" + i);
        long start = System.nanoTime();
        RunDecision decision = run.decide();
        nanos[n++] = System.nanoTime() - start;
        assertThat(decision.launchedStepKeys()).containsExactly("s" + (i + 1));
      }
    }
    Arrays.sort(nanos);
    long p99 = nanos[(int) (nanos.length * 0.99)];

    assertThat(p99).as("p99 decide time in ns").isLessThan(50_000_000L);
  }
}
