package io.pipewright.bench;

import io.pipewright.sdk.partition.PartitionContext;
import io.pipewright.sdk.partition.TimeWindowPartitionsDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Listing ten years (3650 days, 87,600 keys) of hourly partitions: the figure of the partitions
 * issue is at most 50 ms with a warm JVM. Run it with
 *
 * <pre>
 * ./mvnw -q -pl bench -am package exec:exec -Dbench.args="-f 1 -wi 3 -i 5 PartitionKeysBenchmark"
 * </pre>
 *
 * <p>{@link #naiveZonedDateTimeFormatter()} is the straightforward implementation (one {@code
 * ZonedDateTime} and one {@code DateTimeFormatter.format} per key), kept as the baseline that the
 * hand-formatted listing is compared with.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PartitionKeysBenchmark {

  private TimeWindowPartitionsDefinition hourlyUtc;
  private TimeWindowPartitionsDefinition hourlyBerlin;
  private PartitionContext tenYearsLaterUtc;
  private PartitionContext tenYearsLaterBerlin;
  private DateTimeFormatter formatter;
  private ZoneId berlin;
  private Instant startBerlin;

  /** Builds the definitions once; only the listing is measured. */
  @Setup
  public void setUp() {
    berlin = ZoneId.of("Europe/Berlin");
    hourlyUtc = TimeWindowPartitionsDefinition.hourly("2014-01-01-00:00");
    hourlyBerlin = hourlyUtc.withTimezone(berlin);
    tenYearsLaterUtc =
        PartitionContext.at(Instant.parse("2014-01-01T00:00:00Z").plus(Duration.ofDays(3650)));
    startBerlin = Instant.parse("2013-12-31T23:00:00Z");
    tenYearsLaterBerlin = PartitionContext.at(startBerlin.plus(Duration.ofDays(3650)));
    formatter = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH:mm");
  }

  /**
   * Lists the 87,600 keys in UTC.
   *
   * @return the keys, so that the JIT cannot drop the work
   */
  @Benchmark
  public List<String> hourlyKeysTenYearsUtc() {
    return hourlyUtc.keys(tenYearsLaterUtc);
  }

  /**
   * Lists the 87,600 keys in Europe/Berlin (20 clock changes, 10 suffixed keys).
   *
   * @return the keys, so that the JIT cannot drop the work
   */
  @Benchmark
  public List<String> hourlyKeysTenYearsBerlin() {
    return hourlyBerlin.keys(tenYearsLaterBerlin);
  }

  /**
   * Counts the keys without listing them.
   *
   * @return the count
   */
  @Benchmark
  public int hourlySizeTenYearsBerlin() {
    return hourlyBerlin.size(tenYearsLaterBerlin);
  }

  /**
   * The baseline: one {@code ZonedDateTime} and one formatter call per key (and no handling of
   * repeated hours).
   *
   * @return the keys, so that the JIT cannot drop the work
   */
  @Benchmark
  public List<String> naiveZonedDateTimeFormatter() {
    List<String> keys = new ArrayList<>(87_600);
    long start = startBerlin.getEpochSecond();
    for (int i = 0; i < 87_600; i++) {
      keys.add(
          formatter.format(
              ZonedDateTime.ofInstant(Instant.ofEpochSecond(start + i * 3600L), berlin)));
    }
    return keys;
  }
}
