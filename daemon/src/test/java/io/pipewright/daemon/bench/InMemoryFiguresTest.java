package io.pipewright.daemon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.daemon.DaemonStores;
import io.pipewright.daemon.testing.Figures;
import io.pipewright.storage.memory.InMemoryStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 6's figures against in-memory stores and fake workers. Off by default (it takes a while);
 * {@code -Dpipewright.bench=true} runs it and writes target/bench/daemon-in-memory.txt.
 */
@EnabledIfSystemProperty(named = "pipewright.bench", matches = "true")
class InMemoryFiguresTest {

  private static DaemonStores stores() {
    InMemoryStorage storage = new InMemoryStorage();
    return new DaemonStores(
        storage.runs(),
        storage.snapshots(),
        storage.events(),
        storage.pools(),
        storage.heartbeats());
  }

  @Test
  void shouldMeasureTheOrchestratorsTimePerStepAndTheAdmissionWhenBenchmarksAreOn()
      throws IOException {
    Figures.timePerStep(stores(), 20, 10, Duration.ofMillis(20)); // Warm-up.
    Figures.PerStep perStep = Figures.timePerStep(stores(), 100, 10, Duration.ofSeconds(1));
    Figures.PerStep stressed = Figures.timePerStep(stores(), 100, 10, Duration.ofMillis(50));
    Figures.admission(stores(), 200); // Warm-up.
    Figures.Admission admission = Figures.admission(stores(), 1000);
    Figures.admissionAtOnce(stores(), 200); // Warm-up.
    double atOnce = Figures.admissionAtOnce(stores(), 1000);

    String report =
        "In memory, fake workers, 100 concurrent runs of a 10-step chain:\n"
            + "  orchestrator time per step (upstream success stored -> downstream launch call),"
            + " steps of 1 s: "
            + perStep
            + "\n  the same, steps of 50 ms (2,000 steps/s): "
            + stressed
            + "\n  admission, capacity for all appearing at once (a daemon takes the lead): 1000"
            + String.format(" queued runs admitted in %.0f ms", atOnce)
            + "\n  admission, capacity freed run by run (1000 runs end, 1000 wait): "
            + admission
            + "\n";
    Path out = Path.of("target", "bench", "daemon-in-memory.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println(report);
    assertThat(perStep.latency().count()).isEqualTo(900);
  }
}
