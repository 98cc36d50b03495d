package io.pipewright.daemon.orchestrator;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.orchestration.AttemptOrigin;
import io.pipewright.core.orchestration.StepLaunch;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The runs, launches and token secret that the {@link LaunchRequests} tests build requests for. */
final class LaunchRequestsFixture {

  static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  private LaunchRequestsFixture() {}

  /** A started run of job orders_etl in code location etl, with a tag and a partition. */
  static Run run(Map<String, Object> config) {
    return Run.builder("run-1", "orders_etl", "etl")
        .status(RunStatus.STARTED)
        .runConfig(config)
        .tags(Map.of("team", "analytics"))
        .partitionKey("2026-01-04")
        .createTime(NOW)
        .build();
  }

  /**
   * Random hex of at least 200,000 characters: a run config value too big for a command line (and,
   * compressed, for the launch limit), the same for a given seed.
   */
  static String bigValue(long seed) {
    StringBuilder big = new StringBuilder();
    java.util.Random random = new java.util.Random(seed);
    while (big.length() < 200_000) {
      big.append(Long.toHexString(random.nextLong()));
    }
    return big.toString();
  }

  /** Requests whose image chooser finds no image for any code location. */
  static LaunchRequests withoutImage() {
    return new LaunchRequests(
        null,
        Duration.ofHours(1),
        null,
        null,
        Clock.systemUTC(),
        (location, job, fromPlan) -> {
          throw new IllegalArgumentException("no image for " + location);
        });
  }

  /** A first launch of the run's step, tagged kind=source. */
  static StepLaunch launch(String step, int attempt) {
    return new StepLaunch(
        new AttemptId("run-1", step, attempt),
        step,
        null,
        AttemptOrigin.FIRST,
        0,
        null,
        Map.of("kind", "source"),
        Map.of());
  }
}
