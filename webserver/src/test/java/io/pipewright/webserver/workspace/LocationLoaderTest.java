package io.pipewright.webserver.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.LoadError;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocationLoaderTest {

  private static final LocationAddress ETL = new LocationAddress("etl", "etl-host", 4000);
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void shouldLoadASnapshotOfTheConfiguredLocation() {
    LocationEntry.Outcome outcome = LocationLoader.judge(ETL, snapshot("etl", List.of()), NOW);

    assertThat(outcome).isInstanceOf(LocationEntry.Loaded.class);
    assertThat(((LocationEntry.Loaded) outcome).location().loadedAt()).isEqualTo(NOW);
  }

  @Test
  void shouldFailWithTheFixWhenTheServerServesAnotherLocation() {
    LocationEntry.Outcome outcome = LocationLoader.judge(ETL, snapshot("assets", List.of()), NOW);

    assertThat(outcome).isInstanceOf(LocationEntry.Failed.class);
    assertThat(((LocationEntry.Failed) outcome).error().message())
        .contains("serves the definitions of code location 'assets'")
        .contains("pipewright.code-location.name");
  }

  @Test
  void shouldFailListingEveryProblemWhenTheDefinitionsDidNotLoad() {
    LocationEntry.Outcome outcome =
        LocationLoader.judge(
            ETL,
            snapshot(
                "etl",
                List.of(
                    new LoadError("job 'a'", "it has a cycle", "remove the cycle"),
                    new LoadError("op 'b'", "it has no output", "add one"))),
            NOW);

    LocationEntry.Failed failed = (LocationEntry.Failed) outcome;
    assertThat(failed.error().className()).isEqualTo(LocationLoader.DEFINITIONS_ERROR);
    assertThat(failed.error().message())
        .contains("(2 problems)")
        .contains("job 'a': it has a cycle. Fix: remove the cycle")
        .contains("op 'b': it has no output. Fix: add one");
  }

  @Test
  void shouldReloadWhenTheServerRestartedAndPingOnlyLoadedLocations() {
    LocationEntry loaded =
        new LocationEntry(
            ETL, false, LocationLoader.judge(ETL, snapshot("etl", List.of()), NOW), NOW);
    LocationEntry failed =
        new LocationEntry(
            ETL,
            false,
            new LocationEntry.Failed(io.pipewright.core.snapshot.ErrorSnapshot.of("E", "down")),
            NOW);

    assertThat(RefreshPolicy.onTick(loaded)).isEqualTo(RefreshPolicy.Action.PING);
    assertThat(RefreshPolicy.onTick(failed)).isEqualTo(RefreshPolicy.Action.RELOAD);
    assertThat(RefreshPolicy.onTick(loaded.startLoading(NOW))).isEqualTo(RefreshPolicy.Action.NONE);
    assertThat(RefreshPolicy.onPing("a", "a")).isEqualTo(RefreshPolicy.Action.NONE);
    assertThat(RefreshPolicy.onPing("a", "b")).isEqualTo(RefreshPolicy.Action.RELOAD);
  }

  private static CodeLocationSnapshot snapshot(String name, List<LoadError> errors) {
    return new CodeLocationSnapshot(
        name,
        "server-1",
        null,
        "hash",
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        errors);
  }
}
