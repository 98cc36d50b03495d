package io.pipewright.daemon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.run.RunStatus;
import io.pipewright.daemon.DaemonStores;
import io.pipewright.storage.memory.InMemoryStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 7's figures through one daemon, against in-memory stores: a run fanning out to 1,000 pods
 * on the mock API server (see {@link KubernetesFanOut}). Off by default; {@code
 * -Dpipewright.bench=true} runs it and writes target/bench/daemon-k8s.txt. {@code
 * -Dpipewright.bench.k8s.repeat=N} measures N fan-outs (3 by default) after the warm-up.
 */
@EnabledIfSystemProperty(named = "pipewright.bench", matches = "true")
class KubernetesFiguresTest {

  static DaemonStores inMemory() {
    InMemoryStorage storage = new InMemoryStorage();
    return new DaemonStores(
        storage.runs(),
        storage.snapshots(),
        storage.events(),
        storage.pools(),
        storage.heartbeats());
  }

  /** Warm-up fan-outs, then {@code repeat} measured ones of 1,000 steps; the report. */
  static List<KubernetesFanOut.Result> measure(DaemonStores stores) {
    int repeat = Integer.getInteger("pipewright.bench.k8s.repeat", 3);
    try (KubernetesFanOut fanOut = new KubernetesFanOut(stores)) {
      fanOut.fanOut(100); // Warm-up.
      fanOut.fanOut(300); // Warm-up.
      List<KubernetesFanOut.Result> results = new ArrayList<>();
      for (int i = 0; i < repeat; i++) {
        results.add(fanOut.fanOut(1000));
      }
      return results;
    }
  }

  static void write(String file, String title, List<KubernetesFanOut.Result> results)
      throws IOException {
    StringBuilder report = new StringBuilder(title).append('\n');
    for (int i = 0; i < results.size(); i++) {
      report.append("run ").append(i + 1).append(": ").append(results.get(i));
    }
    Path out = Path.of("target", "bench", file);
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    System.out.println(report);
  }

  @Test
  void shouldMeasurePodsPerSecondOverheadAndApiCallsThroughTheDaemonWhenBenchmarksAreOn()
      throws IOException {
    List<KubernetesFanOut.Result> results = measure(inMemory());
    write(
        "daemon-k8s.txt",
        "Through one daemon (in-memory stores), K8sStepLauncher on fabric8's mock API server (CRUD"
            + " mode), a bench kubelet storing each worker's events then ending its pod Succeeded:",
        results);
    for (KubernetesFanOut.Result result : results) {
      assertThat(result.end()).isEqualTo(RunStatus.SUCCESS);
      assertThat(result.overhead().count()).isEqualTo(1000);
    }
  }
}
