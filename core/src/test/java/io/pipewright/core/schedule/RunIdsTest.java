package io.pipewright.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.instigation.InstigatorSelector;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunIdsTest {

  private static final InstigatorSelector DAILY = InstigatorSelector.of("etl", "daily");
  private static final Instant T = Instant.parse("2026-01-01T06:00:00Z");

  @Test
  void shouldGiveTheSameIdWhenTheSameRequestIsCreatedAgain() {
    assertThat(RunIds.forScheduleTick(DAILY, T, 0, null))
        .isEqualTo(RunIds.forScheduleTick(InstigatorSelector.of("etl", "daily"), T, 0, null));
    assertThat(RunIds.forSensorRunKey(DAILY, "file-1"))
        .isEqualTo(RunIds.forSensorRunKey(DAILY, "file-1"));
    assertThat(RunIds.forBackfill("bf", "2026-01-01"))
        .isEqualTo(RunIds.forBackfill("bf", "2026-01-01"));
    assertThat(UUID.fromString(RunIds.forBackfill("bf", "2026-01-01")).version()).isEqualTo(3);
  }

  @Test
  void shouldGiveDifferentIdsWhenAnythingDiffers() {
    Set<String> ids = new HashSet<>();
    ids.add(RunIds.forScheduleTick(DAILY, T, 0, null));
    ids.add(RunIds.forScheduleTick(DAILY, T, 1, null));
    ids.add(RunIds.forScheduleTick(DAILY, T.plusSeconds(60), 0, null));
    ids.add(RunIds.forScheduleTick(InstigatorSelector.of("etl2", "daily"), T, 0, null));
    ids.add(RunIds.forScheduleTick(DAILY, T, 0, "k"));
    ids.add(RunIds.forSensorRunKey(DAILY, "k"));
    ids.add(RunIds.forSensorTick(DAILY, 7, 0));
    ids.add(RunIds.forSensorTick(DAILY, 8, 0));
    ids.add(RunIds.forBackfill("bf", "a"));
    ids.add(RunIds.forBackfill("bfa", ""));
    // Parts are length-prefixed: ("et", "l:daily") is not ("etl", ":daily").
    ids.add(RunIds.forSensorRunKey(InstigatorSelector.of("et", "l"), "x"));
    ids.add(RunIds.forSensorRunKey(InstigatorSelector.of("e", "tl"), "x"));
    assertThat(ids).hasSize(12);
  }
}
