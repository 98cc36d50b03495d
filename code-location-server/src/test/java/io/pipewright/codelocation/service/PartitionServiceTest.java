package io.pipewright.codelocation.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.codelocation.PartitionKeysRequest;
import io.pipewright.core.codelocation.PartitionRunConfigRequest;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.PartitionRunConfig;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.asset.AssetDefinition;
import io.pipewright.sdk.asset.AssetJobDefinition;
import io.pipewright.sdk.partition.DynamicPartitionsDefinition;
import io.pipewright.sdk.partition.MultiPartitionsDefinition;
import io.pipewright.sdk.partition.StaticPartitionsDefinition;
import io.pipewright.sdk.partition.TimeWindowPartitionsDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Partition keys and partition run configs without gRPC. */
class PartitionServiceTest {

  private static final Definitions DEFINITIONS =
      Definitions.builder()
          .assets(
              AssetDefinition.builder("daily")
                  .partitions(TimeWindowPartitionsDefinition.daily("2026-01-01"))
                  .compute((ctx, in) -> 1)
                  .build(),
              AssetDefinition.builder("per_file")
                  .partitions(
                      MultiPartitionsDefinition.of(
                          "file",
                          DynamicPartitionsDefinition.named("files"),
                          "kind",
                          StaticPartitionsDefinition.of("a", "b")))
                  .compute((ctx, in) -> 1)
                  .build(),
              AssetDefinition.builder("per_region")
                  .partitions(DynamicPartitionsDefinition.named("regions"))
                  .compute((ctx, in) -> 1)
                  .build())
          .assetJob(AssetJobDefinition.builder("files").selection("key:per_file").build())
          .assetJob(AssetJobDefinition.builder("regions").selection("key:per_region").build())
          .build();

  private final PartitionService service =
      new PartitionService(LoadedDefinitions.loaded(DEFINITIONS));

  @Test
  void shouldListTimeWindowKeysAsOfTheRequestTime() {
    assertThat(
            service.partitionKeys(
                PartitionKeysRequest.forAsset(
                    AssetKeySnapshot.of("daily"), Instant.parse("2026-01-04T10:00:00Z"))))
        .containsExactly("2026-01-01", "2026-01-02", "2026-01-03");
    assertThat(
            service.partitionKeys(
                PartitionKeysRequest.forAsset(
                    AssetKeySnapshot.of("daily"), Instant.parse("2026-01-02T10:00:00Z"))))
        .containsExactly("2026-01-01");
  }

  @Test
  void shouldCheckADynamicKeyAgainstTheHostsKeysWhenTheyAreSent() {
    Map<String, List<String>> stored = Map.of("regions", List.of("eu"));

    assertThat(service.partitionRunConfig(new PartitionRunConfigRequest("regions", "eu", stored)))
        .isInstanceOf(PartitionRunConfig.Resolved.class);
    assertThatThrownBy(
            () ->
                service.partitionRunConfig(new PartitionRunConfigRequest("regions", "us", stored)))
        .isInstanceOf(RequestRejectedException.class)
        .hasMessageContaining("'us'")
        .hasMessageContaining("dynamic partitions 'regions'");
    // Without the host's keys the key cannot be checked here, as before.
    assertThat(service.partitionRunConfig(new PartitionRunConfigRequest("regions", "us")))
        .isInstanceOf(PartitionRunConfig.Resolved.class);
  }

  @Test
  void shouldListDynamicKeysFromTheRequest() {
    PartitionKeysRequest request =
        PartitionKeysRequest.forAsset(AssetKeySnapshot.of("per_file"), Instant.EPOCH)
            .withDynamicPartitions(Map.of("files", List.of("x.csv", "y.csv")));

    assertThat(service.partitionKeys(request))
        .containsExactly("x.csv|a", "x.csv|b", "y.csv|a", "y.csv|b");
  }

  @Test
  void shouldRejectInvalidDynamicKeysInTheRequest() {
    PartitionKeysRequest request =
        PartitionKeysRequest.forAsset(AssetKeySnapshot.of("per_file"), Instant.EPOCH)
            .withDynamicPartitions(Map.of("files", List.of("a|b")));

    assertThatThrownBy(() -> service.partitionKeys(request))
        .isInstanceOfSatisfying(
            RequestRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RequestRejectedException.Reason.INVALID_REQUEST))
        .hasMessageContaining("dynamic partition keys are invalid");
  }

  @Test
  void shouldTagTheDimensionsWhenComputingTheRunConfigOfAMultiPartition() {
    PartitionRunConfig config =
        service.partitionRunConfig(new PartitionRunConfigRequest("files", "x.csv|a"));

    assertThat(config).isInstanceOf(PartitionRunConfig.Resolved.class);
    assertThat(((PartitionRunConfig.Resolved) config).tags())
        .containsEntry("dagster/partition", "x.csv|a")
        .containsEntry("dagster/partition/file", "x.csv")
        .containsEntry("dagster/partition/kind", "a");
  }

  @Test
  void shouldRejectTheImplicitAssetJobWhenItsAssetsHaveDifferentPartitions() {
    assertThatThrownBy(
            () -> service.partitionKeys(PartitionKeysRequest.forJob("__ASSET_JOB", Instant.EPOCH)))
        .isInstanceOf(RequestRejectedException.class)
        .hasMessageContaining("cannot run as one job")
        .hasMessageContaining("different partitions");
  }
}
