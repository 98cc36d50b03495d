package io.pipewright.sdk.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The listing the benchmark times ({@code bench/.../PartitionKeysBenchmark}), checked for
 * correctness: ten years (3650 days) of hourly keys.
 */
class DecadeOfHoursTest {

  @Test
  void shouldList87600HoursWhenTenYearsInUtc() {
    var hourly = TimeWindowPartitionsDefinition.hourly("2014-01-01-00:00");
    var ctx =
        PartitionContext.at(Instant.parse("2014-01-01T00:00:00Z").plus(Duration.ofDays(3650)));

    List<String> keys = hourly.keys(ctx);

    assertThat(keys).hasSize(87_600);
    assertThat(hourly.size(ctx)).isEqualTo(87_600);
    assertThat(keys.get(0)).isEqualTo("2014-01-01-00:00");
    assertThat(keys.get(87_599)).isEqualTo("2023-12-29-23:00");
    assertThat(keys).doesNotHaveDuplicates();
  }

  @Test
  void shouldList87600HoursWhenTenYearsInBerlin() {
    var hourly =
        TimeWindowPartitionsDefinition.hourly("2014-01-01-00:00")
            .withTimezone(ZoneId.of("Europe/Berlin"));
    // Local midnight 2014-01-01 in Berlin is 2013-12-31T23:00Z.
    var ctx =
        PartitionContext.at(Instant.parse("2013-12-31T23:00:00Z").plus(Duration.ofDays(3650)));

    List<String> keys = hourly.keys(ctx);

    assertThat(keys).hasSize(87_600).doesNotHaveDuplicates();
    assertThat(hourly.size(ctx)).isEqualTo(87_600);
    assertThat(keys.get(0)).isEqualTo("2014-01-01-00:00");
    assertThat(keys.get(87_599)).isEqualTo("2023-12-29-23:00");
    // Ten fall-backs, each with one suffixed key.
    assertThat(keys.stream().filter(key -> key.endsWith("+0100"))).hasSize(10);
    assertThat(keys).contains("2023-10-29-02:00", "2023-10-29-02:00+0100");
  }
}
