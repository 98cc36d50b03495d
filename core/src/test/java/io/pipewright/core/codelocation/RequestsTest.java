package io.pipewright.core.codelocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.snapshot.AssetKeySnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestsTest {

  @Test
  void shouldPlanWholeJobWhenBuilderIsLeftAlone() {
    ExecutionPlanRequest request = ExecutionPlanRequest.forJob("etl").build();

    assertThat(request.opSelection()).isEmpty();
    assertThat(request.assetSelection()).isEmpty();
    assertThat(request.runConfig()).isEmpty();
    assertThat(request.stepKeysToExecute()).isEmpty();
    assertThat(request.partitionKey()).isNull();
  }

  @Test
  void shouldCanonicalizeRunConfigWhenBuilt() {
    ExecutionPlanRequest request =
        ExecutionPlanRequest.forJob("etl").runConfig(Map.of("limit", 10)).build();

    assertThat(request.runConfig()).isEqualTo(Map.of("limit", 10L));
  }

  @Test
  void shouldNeedExactlyOneTargetWhenListingPartitionKeys() {
    assertThatThrownBy(
            () ->
                new PartitionKeysRequest("etl", AssetKeySnapshot.of("a"), Instant.EPOCH, Map.of()))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> new PartitionKeysRequest(null, null, Instant.EPOCH, Map.of()))
        .hasMessageContaining("not neither");
  }

  @Test
  void shouldNeedAnErrorWhenConfigIsInvalid() {
    assertThatThrownBy(() -> ExecutionPlanResult.invalidConfig(List.of()))
        .hasMessageContaining("needs at least one config error");
  }
}
