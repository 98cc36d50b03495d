package io.pipewright.sdk.asset;

import static io.pipewright.sdk.asset.InMemoryAssetGraph.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipewright.sdk.AssetKey;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What selections select, on a small warehouse-like graph. */
class AssetSelectionResolveTest {

  /**
   * The graph, in key order:
   *
   * <pre>
   * raw/orders ----> stg/orders ------> marts/revenue --> report
   * raw/customers -> stg/customers -+-^
   *                                 +-> marts/churn
   * raw_events ----------------------^
   * </pre>
   */
  private static final InMemoryAssetGraph GRAPH =
      new InMemoryAssetGraph()
          .group("raw/orders", "ingest")
          .kind("raw/orders", "python")
          .owner("raw/orders", "team:data")
          .tag("raw/orders", "pii", "true")
          .group("raw/customers", "ingest")
          .kind("raw/customers", "python")
          .owner("raw/customers", "alice@x.com")
          .tag("raw/customers", "pii", "")
          .group("raw_events", "ingest")
          .kind("raw_events", "sql")
          .group("stg/orders", "staging")
          .kind("stg/orders", "sql")
          .tag("stg/orders", "tier", "silver")
          .group("stg/customers", "staging")
          .kind("stg/customers", "sql")
          .group("marts/revenue", "marts")
          .kind("marts/revenue", "sql")
          .kind("marts/revenue", "dbt")
          .tag("marts/revenue", "tier", "gold")
          .owner("marts/revenue", "team:data")
          .group("marts/churn", "marts")
          .kind("marts/churn", "python")
          .tag("marts/churn", "deprecated", "")
          .owner("report", "team:bi")
          .edge("raw/orders", "stg/orders")
          .edge("raw/customers", "stg/customers")
          .edge("stg/orders", "marts/revenue")
          .edge("stg/customers", "marts/revenue")
          .edge("stg/customers", "marts/churn")
          .edge("raw_events", "marts/churn")
          .edge("marts/revenue", "report");

  private static final String[] ALL = {
    "raw/orders",
    "raw/customers",
    "raw_events",
    "stg/orders",
    "stg/customers",
    "marts/revenue",
    "marts/churn",
    "report"
  };

  private static List<String> select(String expression) {
    return names(AssetSelection.parse(expression).resolve(GRAPH));
  }

  private static List<String> names(Set<AssetKey> keys) {
    return keys.stream().map(AssetKey::toUserString).toList();
  }

  private static Arguments selects(String expression, String... expected) {
    return Arguments.of(expression, Arrays.asList(expected));
  }

  static Stream<Arguments> selections() {
    return Stream.of(
        // keys
        selects("key:raw/orders", "raw/orders"),
        selects("key:\"raw/orders\"", "raw/orders"),
        selects("raw/orders", "raw/orders"),
        selects("\"raw/orders\"", "raw/orders"),
        selects("report or raw/orders", "raw/orders", "report"),
        // key wildcards
        selects("key:raw_*", "raw_events"),
        selects("key:raw*", "raw/orders", "raw/customers", "raw_events"),
        selects("key:*/orders", "raw/orders", "stg/orders"),
        selects(
            "key:\"*s*r*\"",
            "raw/customers",
            "stg/orders",
            "stg/customers",
            "marts/revenue",
            "marts/churn"),
        selects("key:stg/*ers", "stg/orders", "stg/customers"),
        selects("key:*", ALL),
        selects("key:nothing_*"),
        selects("key:*orders*orders"),
        // attribute filters
        selects("group:staging", "stg/orders", "stg/customers"),
        selects("group:nope"),
        selects("tag:pii", "raw/orders", "raw/customers"),
        selects("tag:pii=true", "raw/orders"),
        selects("tag:pii=\"\"", "raw/customers"),
        selects("tag:tier=gold", "marts/revenue"),
        selects("tag:tier=bronze"),
        selects("tag:nope"),
        selects("kind:sql", "raw_events", "stg/orders", "stg/customers", "marts/revenue"),
        selects("kind:dbt", "marts/revenue"),
        selects("kind:nope"),
        selects("owner:\"team:data\"", "raw/orders", "marts/revenue"),
        selects("owner:\"alice@x.com\"", "raw/customers"),
        selects("owner:team"),
        // upstream traversals
        selects("+marts/revenue", "stg/orders", "stg/customers", "marts/revenue"),
        selects("1+marts/revenue", "stg/orders", "stg/customers", "marts/revenue"),
        selects(
            "2+key:marts/revenue",
            "raw/orders",
            "raw/customers",
            "stg/orders",
            "stg/customers",
            "marts/revenue"),
        selects(
            "++marts/revenue",
            "raw/orders",
            "raw/customers",
            "stg/orders",
            "stg/customers",
            "marts/revenue"),
        selects(
            "*report",
            "raw/orders",
            "raw/customers",
            "stg/orders",
            "stg/customers",
            "marts/revenue",
            "report"),
        selects("+raw/orders", "raw/orders"),
        // downstream traversals
        selects("stg/customers+", "stg/customers", "marts/revenue", "marts/churn"),
        selects("stg/customers+2", "stg/customers", "marts/revenue", "marts/churn", "report"),
        selects(
            "raw/customers*",
            "raw/customers",
            "stg/customers",
            "marts/revenue",
            "marts/churn",
            "report"),
        selects("key:\"raw/orders\"*", "raw/orders", "stg/orders", "marts/revenue", "report"),
        selects("report+", "report"),
        // both directions: the union of each side
        selects("+stg/orders+", "raw/orders", "stg/orders", "marts/revenue"),
        selects("*stg/orders*", "raw/orders", "stg/orders", "marts/revenue", "report"),
        selects("2+marts/churn+", "raw/customers", "raw_events", "stg/customers", "marts/churn"),
        // a traversal of a traversal walks from everything the inner one selected
        selects("(+marts/churn)+", "raw_events", "stg/customers", "marts/revenue", "marts/churn"),
        // traversals from several seeds count levels from the nearest seed
        selects(
            "+(raw/orders or marts/revenue)",
            "raw/orders",
            "stg/orders",
            "stg/customers",
            "marts/revenue"),
        selects(
            "group:ingest+",
            "raw/orders",
            "raw/customers",
            "raw_events",
            "stg/orders",
            "stg/customers",
            "marts/churn"),
        selects(
            "+group:marts",
            "raw_events",
            "stg/orders",
            "stg/customers",
            "marts/revenue",
            "marts/churn"),
        // operators and precedence
        selects("*", ALL),
        selects("not *"),
        selects("* and kind:dbt", "marts/revenue"),
        selects("group:marts or group:staging and kind:python", "marts/revenue", "marts/churn"),
        selects("(group:marts or group:staging) and kind:python", "marts/churn"),
        selects("not group:ingest and kind:sql", "stg/orders", "stg/customers", "marts/revenue"),
        selects(
            "not (group:ingest and kind:sql)",
            "raw/orders",
            "raw/customers",
            "stg/orders",
            "stg/customers",
            "marts/revenue",
            "marts/churn",
            "report"),
        selects("not not group:marts", "marts/revenue", "marts/churn"),
        selects("NOT group:ingest AND NOT group:staging AND NOT group:marts", "report"),
        selects("kind:sql and kind:dbt or tag:deprecated", "marts/revenue", "marts/churn"),
        selects("group:marts and not tag:deprecated", "marts/revenue"),
        // paths between two assets, as in Dagster's examples
        selects("raw/orders* and *report", "raw/orders", "stg/orders", "marts/revenue", "report"),
        selects(
            "(raw/customers or raw_events)* and *marts/churn",
            "raw/customers",
            "raw_events",
            "stg/customers",
            "marts/churn"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("selections")
  void shouldSelectTheExpectedAssetsInGraphOrderWhenResolvingTheExpression(
      String expression, List<String> expected) {
    assertThat(select(expression)).containsExactlyElementsOf(expected);
  }

  @Test
  void shouldSelectTheSameAssetsWhenTheSelectionIsBuiltInCode() {
    AssetSelection selection =
        AssetSelection.groups("marts")
            .upstream(1)
            .and(AssetSelection.kind("sql"))
            .minus(AssetSelection.tag("tier", "gold"));

    assertThat(names(selection.resolve(GRAPH)))
        .containsExactly("raw_events", "stg/orders", "stg/customers");
    assertThat(names(AssetSelection.tag("pii").resolve(GRAPH)))
        .containsExactly("raw/orders", "raw/customers");
    assertThat(names(AssetSelection.owner("team:bi").or(AssetSelection.all().not()).resolve(GRAPH)))
        .containsExactly("report");
    assertThat(names(AssetSelection.keys(key("report")).upstream().resolve(GRAPH)))
        .containsExactly(
            "raw/orders",
            "raw/customers",
            "stg/orders",
            "stg/customers",
            "marts/revenue",
            "report");
  }

  @Test
  void shouldReturnAnUnmodifiableSetWhenResolving() {
    Set<AssetKey> selected = AssetSelection.all().resolve(GRAPH);

    assertThatThrownBy(() -> selected.add(key("x")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldNeitherSelectNorCrossExternalAssetsWhenTraversingUpstream() {
    InMemoryAssetGraph graph =
        new InMemoryAssetGraph().external("s3/bucket", "raw").edge("raw", "clean");

    assertThat(names(AssetSelection.parse("*clean").resolve(graph)))
        .containsExactly("raw", "clean");
    assertThat(names(AssetSelection.parse("key:\"s3/*\"").resolve(graph))).isEmpty();
  }

  @Test
  void shouldSelectEveryAssetWithoutOverflowingTheStackWhenWalkingATenThousandAssetChain() {
    InMemoryAssetGraph chain = InMemoryAssetGraph.chain(10_000);

    Set<AssetKey> upstream = AssetSelection.parse("*key:n9999").resolve(chain);
    Set<AssetKey> downstream = AssetSelection.parse("n0*").resolve(chain);
    Set<AssetKey> bounded = AssetSelection.parse("5000+n9999+5000").resolve(chain);

    assertThat(upstream).hasSize(10_000);
    assertThat(upstream.iterator().next()).isEqualTo(key("n0"));
    assertThat(downstream).hasSize(10_000);
    assertThat(bounded).hasSize(5001).contains(key("n4999")).doesNotContain(key("n4998"));
  }

  @Test
  void shouldListEveryUnknownKeyWithSuggestionsWhenTheGraphLacksThem() {
    UnknownAssetException error =
        catchThrowableOfType(
            () ->
                AssetSelection.parse(
                        "key:raw/ordrs or +orders or key:raw/ordrs or nothing_like_it or"
                            + " warehouse/report or key:stg_*")
                    .resolve(GRAPH),
            UnknownAssetException.class);

    assertThat(error).isInstanceOf(IllegalArgumentException.class);
    assertThat(error.unknownKeys())
        .containsExactly(
            key("raw/ordrs"), key("orders"), key("nothing_like_it"), key("warehouse/report"));
    assertThat(error.getMessage())
        .isEqualTo(
            "Asset selection 'key:\"raw/ordrs\" or +key:\"orders\" or key:\"raw/ordrs\" or"
                + " key:\"nothing_like_it\" or key:\"warehouse/report\" or key:\"stg_*\"' names 4"
                + " assets that this graph does not have:\n"
                + "  - 'raw/ordrs': did you mean 'raw/orders'?\n"
                + "  - 'orders': did you mean 'raw/orders'?\n"
                + "  - 'nothing_like_it': no asset has a similar key.\n"
                + "  - 'warehouse/report': did you mean 'report'?\n"
                + "Valid asset keys: raw/orders, raw/customers, raw_events, stg/orders,"
                + " stg/customers, marts/revenue, marts/churn, report.");
  }

  @Test
  void shouldNameOneAssetAndSampleTenValidKeysWhenTheGraphIsLarge() {
    InMemoryAssetGraph chain = InMemoryAssetGraph.chain(12);

    assertThatThrownBy(() -> AssetSelection.parse("zzz and not n1").resolve(chain))
        .isInstanceOf(UnknownAssetException.class)
        .hasMessage(
            "Asset selection 'key:\"zzz\" and not key:\"n1\"' names an asset that this graph"
                + " does not have:\n"
                + "  - 'zzz': no asset has a similar key.\n"
                + "Valid asset keys include: n0, n1, n2, n3, n4, n5, n6, n7, n8, n9 (and 2 more).");
  }

  @Test
  void shouldSayTheGraphIsEmptyWhenItHasNoAssets() {
    assertThatThrownBy(() -> AssetSelection.parse("a").resolve(new InMemoryAssetGraph()))
        .isInstanceOf(UnknownAssetException.class)
        .hasMessage(
            "Asset selection 'key:\"a\"' names an asset that this graph does not have:\n"
                + "  - 'a': no asset has a similar key.\n"
                + "The graph has no assets.");
    assertThat(AssetSelection.all().resolve(new InMemoryAssetGraph())).isEmpty();
  }

  @Test
  void shouldRejectUnknownKeysEvenWhenTheRestOfTheSelectionIsEmpty() {
    assertThatThrownBy(() -> AssetSelection.parse("group:nope and raw/ordrs").resolve(GRAPH))
        .isInstanceOf(UnknownAssetException.class)
        .hasMessageContaining("'raw/ordrs': did you mean 'raw/orders'?");
  }

  @Test
  void shouldThrowNullPointerExceptionWhenTheGraphIsNull() {
    assertThatThrownBy(() -> AssetSelection.all().resolve(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("graph must not be null");
  }
}
