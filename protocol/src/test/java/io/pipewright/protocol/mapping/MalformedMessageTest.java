package io.pipewright.protocol.mapping;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.protocol.v1.Event;
import io.pipewright.protocol.v1.GetExecutionPlanResponse;
import io.pipewright.protocol.v1.Job;
import io.pipewright.protocol.v1.MetadataValue;
import io.pipewright.protocol.v1.Node;
import org.junit.jupiter.api.Test;

/** Messages that a newer or buggy peer might send fail clearly, naming what is wrong. */
class MalformedMessageTest {

  @Test
  void shouldNameTheFieldWhenARequiredPartIsMissing() {
    Job job =
        JobMapper.toProto(io.pipewright.protocol.Fixtures.nestedJob()).toBuilder()
            .clearExecutor()
            .build();

    assertThatThrownBy(() -> JobMapper.toCore(job))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Job 'etl' has no executor; the sender must set it");
  }

  @Test
  void shouldNameTheEnumWhenAValueIsUnknown() {
    Event event =
        EventMapper.toProto(io.pipewright.protocol.RunFixtures.stepEvents("r", "s", 1).get(0))
            .toBuilder()
            .setTypeValue(999)
            .build();

    assertThatThrownBy(() -> EventMapper.toCore(event, "r", "s", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown event type UNRECOGNIZED");
  }

  @Test
  void shouldRejectEnumWhenItIsUnspecified() {
    Event event =
        EventMapper.toProto(io.pipewright.protocol.RunFixtures.stepEvents("r", "s", 1).get(0))
            .toBuilder()
            .setTypeValue(0)
            .build();

    assertThatThrownBy(() -> EventMapper.toCore(event, "r", "s", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown event type EVENT_TYPE_UNSPECIFIED");
  }

  @Test
  void shouldRejectOneofWhenNoCaseIsSet() {
    assertThatThrownBy(() -> MetadataMapper.toCore(MetadataValue.getDefaultInstance()))
        .hasMessageContaining("MetadataValue sets none of its kind cases");
    assertThatThrownBy(
            () -> CodeLocationServiceMapper.toCore(GetExecutionPlanResponse.getDefaultInstance()))
        .hasMessageContaining("GetExecutionPlanResponse sets none of its result cases");
    Job job =
        JobMapper.toProto(io.pipewright.protocol.Fixtures.nestedJob()).toBuilder()
            .addNodes(Node.getDefaultInstance())
            .build();
    assertThatThrownBy(() -> JobMapper.toCore(job))
        .hasMessageContaining("Node sets none of its kind cases");
  }

  @Test
  void shouldRejectRecordWhenMessageBreaksItsRules() {
    Job job =
        JobMapper.toProto(io.pipewright.protocol.Fixtures.nestedJob()).toBuilder()
            .setName(" ")
            .build();

    assertThatThrownBy(() -> JobMapper.toCore(job))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JobSnapshot needs a non-blank name");
  }
}
