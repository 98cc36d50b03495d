package io.pipewright.executor.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.pipewright.executor.k8s.K8sExecutorSettings;
import io.pipewright.executor.k8s.PodLaunchSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What building and serialising one step pod costs a thread (the launcher's creation threads do it
 * once per attempt). Off by default; {@code -Dpipewright.bench=true} prints it.
 */
@EnabledIfSystemProperty(named = "pipewright.bench", matches = "true")
class PodFactoryCostTest {

  @Test
  void shouldPrintTheCostOfBuildingAPodWhenBenchmarksAreOn() {
    PodFactory factory =
        new PodFactory(K8sExecutorSettings.builder().namespace("bench").instance("bench").build());
    String args = "x".repeat(600);
    long[] sink = new long[1];
    for (int round = 0; round < 5; round++) {
      int n = 5000;
      long build = 0;
      long json = 0;
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        Pod pod =
            factory.build(
                PodLaunchSpec.builder()
                    .runId("0f6c2a1e-1111-2222-3333-444455556666")
                    .jobName("fan_out_1000")
                    .step("work_" + i, 1)
                    .codeLocation("bench", "registry.example.com/bench:1")
                    .args(List.of("execute-step", "--args", args))
                    .jobTags(Map.of("a", "b"))
                    .sensitiveEnv("PIPEWRIGHT_INGEST_TOKEN", "token" + i)
                    .build());
        long t1 = System.nanoTime();
        sink[0] += Serialization.asJson(pod).length();
        long t2 = System.nanoTime();
        build += t1 - t0;
        json += t2 - t1;
      }
      System.out.printf(
          Locale.ROOT,
          "PodFactoryCost round %d: build %.1f us, JSON %.1f us per pod%n",
          round,
          build / 1e3 / n,
          json / 1e3 / n);
    }
    assertThat(sink[0]).isPositive();
  }
}
