package io.pipewright.sdk.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.metadata.Metadata;
import org.junit.jupiter.api.Test;

class AssetEventsTest {

  private static final AssetKey ORDERS = AssetKey.of("warehouse", "orders");

  @Test
  void shouldStartBareWhenMaterializationOf() {
    AssetMaterialization m = AssetMaterialization.of(ORDERS);

    assertThat(m.assetKey()).isEqualTo(ORDERS);
    assertThat(m.description()).isNull();
    assertThat(m.metadata()).isSameAs(Metadata.empty());
    assertThat(m.partition()).isNull();
  }

  @Test
  void shouldReturnCopiesWhenMaterializationWithers() {
    AssetMaterialization base = AssetMaterialization.of(ORDERS, Metadata.of("rows", 3));

    AssetMaterialization full =
        base.withDescription("nightly load")
            .withPartition("2024-05-01")
            .withMetadata(Metadata.of("rows", 4));

    assertThat(base.description()).isNull();
    assertThat(base.metadata()).isEqualTo(Metadata.of("rows", 3));
    assertThat(full)
        .isEqualTo(
            new AssetMaterialization(ORDERS, "nightly load", Metadata.of("rows", 4), "2024-05-01"));
    assertThat(full.withMetadata(null).metadata()).isSameAs(Metadata.empty());
  }

  @Test
  void shouldRejectMissingKeyOrBlankPartitionWhenMaterializationCreated() {
    assertThatThrownBy(() -> AssetMaterialization.of(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AssetMaterialization needs a non-null assetKey");
    assertThatThrownBy(() -> AssetMaterialization.of(ORDERS).withPartition(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank partition");
  }

  @Test
  void shouldBehaveLikeMaterializationWhenObservation() {
    AssetObservation o =
        AssetObservation.of(ORDERS, Metadata.of("rows", 3))
            .withDescription("counted")
            .withPartition("p1");

    assertThat(o).isEqualTo(new AssetObservation(ORDERS, "counted", Metadata.of("rows", 3), "p1"));
    assertThat(AssetObservation.of(ORDERS).metadata()).isSameAs(Metadata.empty());
    assertThat(o.withMetadata(Metadata.empty()).metadata()).isEmpty();
    assertThatThrownBy(() -> AssetObservation.of(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldSetSuccessWhenExpectationFactories() {
    assertThat(ExpectationResult.passed("ids_not_null").success()).isTrue();
    assertThat(ExpectationResult.passed("ids_not_null").description()).isNull();
    assertThat(ExpectationResult.passed("x", Metadata.of("n", 1)).metadata())
        .isEqualTo(Metadata.of("n", 1));
    ExpectationResult failed = ExpectationResult.failed("ids_not_null", "3 null ids");
    assertThat(failed.success()).isFalse();
    assertThat(failed.description()).isEqualTo("3 null ids");
    assertThat(failed.metadata()).isSameAs(Metadata.empty());
    assertThat(ExpectationResult.failed("x", "d", Metadata.of("bad", 3)).metadata())
        .isEqualTo(Metadata.of("bad", 3));
  }

  @Test
  void shouldRejectBlankLabelWhenExpectationCreated() {
    assertThatThrownBy(() -> ExpectationResult.passed(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-blank label");
  }
}
