package io.pipewright.sdk.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Identity, all, last-N and static mappings, and Dagster's default inference. */
class PartitionMappingTest {

  private static final PartitionContext MARCH_1 =
      PartitionContext.at(Instant.parse("2024-03-01T00:00:00Z"));
  private static final TimeWindowPartitionsDefinition DAILY =
      TimeWindowPartitionsDefinition.daily("2024-01-01");
  private static final TimeWindowPartitionsDefinition HOURLY =
      TimeWindowPartitionsDefinition.hourly("2024-01-01");
  private static final StaticPartitionsDefinition ABC =
      StaticPartitionsDefinition.of("a", "b", "c");
  private static final StaticPartitionsDefinition BCD =
      StaticPartitionsDefinition.of("b", "c", "d");
  private static final StaticPartitionsDefinition DATACENTERS =
      StaticPartitionsDefinition.of("eu-west", "eu-central", "us-east");
  private static final StaticPartitionsDefinition REGIONS =
      StaticPartitionsDefinition.of("eu", "us");

  @Test
  void shouldMapSameKeysWhenIdentity() {
    var identity = PartitionMapping.identity();

    assertThat(identity.upstreamKeys(List.of("c", "b"), ABC, ABC, MARCH_1))
        .containsExactly("b", "c");
    assertThat(identity.upstreamKeys(List.of("d", "b"), BCD, ABC, MARCH_1)).containsExactly("b");
    assertThat(identity.downstreamKeys(List.of("a", "c"), ABC, BCD, MARCH_1)).containsExactly("c");
    assertThat(identity.upstreamKeys(List.of(), ABC, ABC, MARCH_1)).isEmpty();
  }

  @Test
  void shouldMapSameWindowsWhenIdentityAndStartsDiffer() {
    var later = TimeWindowPartitionsDefinition.daily("2024-01-10");
    var identity = PartitionMapping.identity();

    assertThat(identity.upstreamKeys(List.of("2024-01-10"), later, DAILY, MARCH_1))
        .containsExactly("2024-01-10");
    assertThat(identity.downstreamKeys(List.of("2024-01-12", "2024-01-05"), DAILY, later, MARCH_1))
        .containsExactly("2024-01-12");
  }

  @Test
  void shouldMapSameDynamicKeysWhenIdentity() {
    var store = new InMemoryDynamicPartitionsStore();
    store.add("files", List.of("f2", "f1"));
    var ctx = new PartitionContext(Instant.EPOCH, store);
    var files = DynamicPartitionsDefinition.named("files");

    assertThat(PartitionMapping.identity().upstreamKeys(List.of("f1", "f2"), files, files, ctx))
        .containsExactly("f2", "f1");
  }

  @Test
  void shouldExplainWhenIdentityCannotRelate() {
    var identity = PartitionMapping.identity();

    assertThat(identity.incompatibility(ABC, DAILY))
        .contains(
            "the identity mapping needs partitions of the same kind, but the upstream has static"
                + " partitions and the downstream time-window partitions; map them with"
                + " timeWindow(...), staticMap(...) or multiToSingleDimension(...)");
    assertThat(identity.incompatibility(HOURLY, DAILY))
        .get()
        .asString()
        .contains("use timeWindow(0, 0)");
    assertThat(identity.incompatibility(ABC, StaticPartitionsDefinition.of("x")))
        .get()
        .asString()
        .contains("share no key");
    assertThat(identity.incompatibility(ABC, null))
        .get()
        .asString()
        .contains("the downstream asset is not");
    assertThat(
            identity.incompatibility(
                MultiPartitionsDefinition.of("a", ABC, "b", DAILY),
                MultiPartitionsDefinition.of("a", ABC, "c", DAILY)))
        .get()
        .asString()
        .contains("[a, b] and the downstream [a, c]");
    assertThat(identity.incompatibility(ABC, BCD)).isEmpty();
    assertThatThrownBy(() -> identity.upstreamKeys(List.of("2024-01-01"), DAILY, ABC, MARCH_1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The identity partition mapping cannot relate upstream static");
    assertThatThrownBy(() -> identity.upstreamKeys(List.of("x"), ABC, ABC, MARCH_1))
        .isInstanceOf(UnknownPartitionKeyException.class);
  }

  @Test
  void shouldDependOnEverythingWhenAllPartitions() {
    var all = PartitionMapping.allPartitions();

    assertThat(all.upstreamKeys(List.of("a"), ABC, DAILY, MARCH_1))
        .hasSize(60)
        .startsWith("2024-01-01");
    assertThat(all.upstreamKeys(List.of(), null, ABC, MARCH_1)).containsExactly("a", "b", "c");
    assertThat(all.upstreamKeys(List.of(), ABC, DAILY, MARCH_1)).isEmpty();
    assertThat(all.upstreamKeys(List.of("a"), ABC, null, MARCH_1)).isEmpty();
    assertThat(all.downstreamKeys(List.of("2024-01-05"), DAILY, ABC, MARCH_1))
        .containsExactly("a", "b", "c");
    assertThat(all.downstreamKeys(List.of("2024-01-05"), DAILY, null, MARCH_1)).isEmpty();
    assertThat(all.incompatibility(null, null)).isEmpty();
    assertThatThrownBy(() -> all.downstreamKeys(List.of("2024-05-05"), DAILY, ABC, MARCH_1))
        .isInstanceOf(UnknownPartitionKeyException.class);
  }

  @Test
  void shouldDependOnNewestWhenLastPartitions() {
    var lastTwo = PartitionMapping.lastPartitions(2);

    assertThat(lastTwo.upstreamKeys(List.of("a"), ABC, DAILY, MARCH_1))
        .containsExactly("2024-02-28", "2024-02-29");
    assertThat(lastTwo.upstreamKeys(List.of(), null, DAILY, MARCH_1))
        .containsExactly("2024-02-28", "2024-02-29");
    assertThat(lastTwo.upstreamKeys(List.of(), DAILY, ABC, MARCH_1)).isEmpty();
    assertThatThrownBy(() -> lastTwo.upstreamKeys(List.of("x"), DAILY, ABC, MARCH_1))
        .isInstanceOf(UnknownPartitionKeyException.class);
  }

  @Test
  void shouldAffectAllDownstreamOnlyWhenAmongNewestWhenLastPartitions() {
    var last = PartitionMapping.lastPartitions(1);

    assertThat(last.downstreamKeys(List.of("2024-02-29"), DAILY, ABC, MARCH_1))
        .containsExactly("a", "b", "c");
    assertThat(last.downstreamKeys(List.of("2024-02-28"), DAILY, ABC, MARCH_1)).isEmpty();
    assertThat(last.downstreamKeys(List.of("c"), ABC, DAILY, MARCH_1)).hasSize(60);
    assertThat(last.downstreamKeys(List.of("b"), ABC, DAILY, MARCH_1)).isEmpty();
    assertThat(last.upstreamKeys(List.of("a"), ABC, ABC, MARCH_1)).containsExactly("c");
    assertThat(PartitionMapping.lastPartitions(5).upstreamKeys(List.of("a"), ABC, ABC, MARCH_1))
        .containsExactly("a", "b", "c");
  }

  @Test
  void shouldRejectBadCountsWhenLastPartitions() {
    assertThatThrownBy(() -> PartitionMapping.lastPartitions(0))
        .hasMessageContaining("needs n >= 1, got 0");
    assertThat(PartitionMapping.lastPartitions(1).incompatibility(null, ABC))
        .get()
        .asString()
        .contains("needs a partitioned upstream asset");
    assertThat(PartitionMapping.lastPartitions(1).describe()).isEqualTo("last partition mapping");
    assertThat(PartitionMapping.lastPartitions(3).describe())
        .isEqualTo("last 3 partitions mapping");
  }

  private static StaticPartitionMapping datacentersToRegions() {
    Map<String, Set<String>> map = new LinkedHashMap<>();
    map.put("eu-west", Set.of("eu"));
    map.put("eu-central", Set.of("eu"));
    map.put("us-east", Set.of("us"));
    return PartitionMapping.staticMap(map);
  }

  @Test
  void shouldFollowMapBothWaysWhenStaticMap() {
    var mapping = datacentersToRegions();

    assertThat(mapping.upstreamKeys(List.of("eu"), REGIONS, DATACENTERS, MARCH_1))
        .containsExactly("eu-west", "eu-central");
    assertThat(mapping.upstreamKeys(List.of("us", "eu"), REGIONS, DATACENTERS, MARCH_1))
        .containsExactly("eu-west", "eu-central", "us-east");
    assertThat(mapping.downstreamKeys(List.of("us-east", "eu-west"), DATACENTERS, REGIONS, MARCH_1))
        .containsExactly("eu", "us");
    assertThat(mapping.downstreamKeys(List.of("eu-central"), DATACENTERS, REGIONS, MARCH_1))
        .containsExactly("eu");
  }

  @Test
  void shouldMapUnlistedKeysToNothingWhenStaticMap() {
    var mapping = PartitionMapping.staticMap(Map.of("eu-west", Set.of("eu")));

    assertThat(mapping.downstreamKeys(List.of("us-east"), DATACENTERS, REGIONS, MARCH_1)).isEmpty();
    assertThat(mapping.upstreamKeys(List.of("us"), REGIONS, DATACENTERS, MARCH_1)).isEmpty();
  }

  @Test
  void shouldExplainWhenStaticMapDoesNotFit() {
    var mapping =
        PartitionMapping.staticMap(Map.of("eu-north", Set.of("eu"), "us-east", Set.of("na")));

    assertThat(mapping.incompatibility(DATACENTERS, REGIONS))
        .contains(
            "keys [eu-north] of the map are not upstream partitions, and values [na] of the map are"
                + " not downstream partitions; fix the map or the definitions");
    assertThat(datacentersToRegions().incompatibility(DATACENTERS, DAILY))
        .contains(
            "the static partition mapping needs static partitions on both sides, but the upstream"
                + " has static partitions and the downstream time-window partitions");
    assertThat(datacentersToRegions().incompatibility(DATACENTERS, REGIONS)).isEmpty();
    assertThatThrownBy(() -> PartitionMapping.staticMap(null)).hasMessageContaining("needs a map");
  }

  @Test
  void shouldCopyMapWhenStaticMapCreated() {
    Map<String, Set<String>> map = new LinkedHashMap<>();
    map.put("eu-west", new java.util.HashSet<>(Set.of("eu")));
    var mapping = PartitionMapping.staticMap(map);

    map.get("eu-west").add("us");
    map.put("us-east", Set.of("us"));

    assertThat(mapping.upstreamToDownstream()).containsOnlyKeys("eu-west");
    assertThat(mapping.upstreamToDownstream().get("eu-west")).containsExactly("eu");
  }

  @Test
  void shouldInferDagsterDefaultsWhenNoMappingGiven() {
    var store = DynamicPartitionsDefinition.named("files");
    var byDate = MultiPartitionsDefinition.of("date", DAILY, "region", REGIONS);
    var byHour = MultiPartitionsDefinition.of("hour", HOURLY, "region", REGIONS);

    assertThat(PartitionMapping.defaultFor(DAILY, DAILY))
        .isEqualTo(PartitionMapping.timeWindow(0, 0));
    assertThat(PartitionMapping.defaultFor(HOURLY, DAILY))
        .isEqualTo(PartitionMapping.timeWindow(0, 0));
    assertThat(PartitionMapping.defaultFor(ABC, BCD)).isEqualTo(PartitionMapping.identity());
    assertThat(PartitionMapping.defaultFor(store, store)).isEqualTo(PartitionMapping.identity());
    assertThat(PartitionMapping.defaultFor(ABC, null)).isEqualTo(PartitionMapping.allPartitions());
    assertThat(PartitionMapping.defaultFor(null, ABC)).isEqualTo(PartitionMapping.allPartitions());
    assertThat(PartitionMapping.defaultFor(byDate, DAILY))
        .isEqualTo(PartitionMapping.multiToSingleDimension("date"));
    assertThat(PartitionMapping.defaultFor(DAILY, byDate))
        .isEqualTo(PartitionMapping.multiToSingleDimension("date"));
    assertThat(PartitionMapping.defaultFor(REGIONS, byDate))
        .isEqualTo(PartitionMapping.multiToSingleDimension("region"));
    assertThat(PartitionMapping.defaultFor(byHour, DAILY))
        .isEqualTo(PartitionMapping.multiToSingleDimension("hour"));
    assertThat(PartitionMapping.defaultFor(byDate, byDate)).isEqualTo(PartitionMapping.identity());
    assertThat(PartitionMapping.defaultFor(ABC, DAILY)).isEqualTo(PartitionMapping.identity());
    assertThat(PartitionMapping.defaultFor(ABC, byDate)).isEqualTo(PartitionMapping.identity());
  }

  @Test
  void shouldMapCellByCellWhenIdentityBetweenMultiPartitions() {
    var upstream = MultiPartitionsDefinition.of("date", DAILY, "region", REGIONS);
    var downstream =
        MultiPartitionsDefinition.of(
            "date", TimeWindowPartitionsDefinition.daily("2024-02-01"), "region", REGIONS);

    assertThat(
            PartitionMapping.identity()
                .upstreamKeys(
                    List.of("2024-02-02|us", "2024-02-01|us"), downstream, upstream, MARCH_1))
        .containsExactly("2024-02-01|us", "2024-02-02|us");
    assertThat(
            PartitionMapping.identity()
                .downstreamKeys(
                    List.of("2024-01-02|us", "2024-02-02|eu"), upstream, downstream, MARCH_1))
        .containsExactly("2024-02-02|eu");
  }

  @Test
  void shouldUseZoneOfBothWhenTimeDefaultInDifferentZones() {
    var berlin = DAILY.withTimezone(ZoneId.of("Europe/Berlin"));

    PartitionMapping mapping = PartitionMapping.defaultFor(berlin, DAILY);

    assertThat(mapping.incompatibility(berlin, DAILY)).isPresent();
  }
}
