package io.pipewright.daemon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.run.RunStatus;
import io.pipewright.daemon.DaemonStores;
import io.pipewright.storage.memory.InMemoryStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 7's figures through one daemon, against in-memory stores: a run fanning out to 1,000 pods
 * on the mock API server (see {@link KubernetesFanOut}). Off by default; {@code
 * -Dpipewright.bench=true} runs it and writes target/bench/daemon-k8s.txt. {@code
 * -Dpipewright.bench.k8s.warmup=N} sets the unreported 1,000-step fan-outs after the cold one (3 by
 * default), {@code -Dpipewright.bench.k8s.repeat=N} the measured ones (5 by default).
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

  /**
   * One JVM's figures: its first 1,000-step fan-out, with the daemon's code still being compiled
   * (cold), and the fan-outs measured after the warm-up.
   */
  record Measured(KubernetesFanOut.Result cold, List<KubernetesFanOut.Result> warm) {

    /** Every fan-out, the cold one first. */
    List<KubernetesFanOut.Result> all() {
      List<KubernetesFanOut.Result> all = new ArrayList<>(warm);
      all.add(0, cold);
      return all;
    }
  }

  /**
   * Two small fan-outs, the cold 1,000-step one, {@code pipewright.bench.k8s.warmup} more that are
   * not reported (3 by default: a daemon that has run for a while has compiled its per-step code,
   * which the first few thousand steps have not), then {@code pipewright.bench.k8s.repeat} measured
   * ones (5 by default).
   */
  static Measured measure(DaemonStores stores) {
    int warmup = Integer.getInteger("pipewright.bench.k8s.warmup", 3);
    int repeat = Integer.getInteger("pipewright.bench.k8s.repeat", 5);
    try (KubernetesFanOut fanOut = new KubernetesFanOut(stores)) {
      fanOut.fanOut(100);
      fanOut.fanOut(300);
      KubernetesFanOut.Result cold = fanOut.fanOut(1000);
      for (int i = 0; i < warmup; i++) {
        fanOut.fanOut(1000);
      }
      List<KubernetesFanOut.Result> results = new ArrayList<>();
      for (int i = 0; i < repeat; i++) {
        results.add(fanOut.fanOut(1000));
      }
      return new Measured(cold, results);
    }
  }

  static void write(String file, String title, Measured measured) throws IOException {
    StringBuilder report = new StringBuilder(title).append('\n');
    List<Double> p99s = new ArrayList<>();
    for (KubernetesFanOut.Result result : measured.warm()) {
      p99s.add(result.overhead().p99());
    }
    List<Double> sorted = new ArrayList<>(p99s);
    Collections.sort(sorted);
    report.append(
        String.format(
            Locale.ROOT,
            "summary: orchestrator overhead per fanned-out step, p99 of each measured fan-out: %s ms"
                + " (median %.2f ms, worst %.2f ms); the JVM's first 1000-step fan-out (cold):"
                + " %.2f ms%n",
            p99s.stream()
                .map(p -> String.format(Locale.ROOT, "%.2f", p))
                .collect(Collectors.joining(" / ")),
            sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2),
            sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1),
            measured.cold().overhead().p99()));
    report.append("cold (the JVM's first 1000-step fan-out): ").append(measured.cold());
    List<KubernetesFanOut.Result> results = measured.warm();
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
    Measured results = measure(inMemory());
    write(
        "daemon-k8s.txt",
        "Through one daemon (in-memory stores), K8sStepLauncher on fabric8's mock API server (CRUD"
            + " mode), a bench kubelet storing each worker's events then ending its pod Succeeded:",
        results);
    for (KubernetesFanOut.Result result : results.all()) {
      assertThat(result.end()).isEqualTo(RunStatus.SUCCESS);
      assertThat(result.overhead().count()).isEqualTo(1000);
    }
  }
}
