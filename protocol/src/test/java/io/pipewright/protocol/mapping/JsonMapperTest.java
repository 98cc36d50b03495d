package io.pipewright.protocol.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.protocol.Fixtures;
import io.pipewright.protocol.v1.Json;
import io.pipewright.protocol.v1.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonMapperTest {

  @Test
  void shouldKeepIntegersDecimalsAndKeyOrderWhenRoundTripped() {
    Map<String, Object> tree = Fixtures.userJson();

    @SuppressWarnings("unchecked")
    Map<String, Object> back =
        (Map<String, Object>) JsonMapper.toCore(RoundTripTest.viaBytes(JsonMapper.toProto(tree)));

    assertThat(back.get("big")).isEqualTo(9_007_199_254_740_993L);
    assertThat(back.get("int")).isEqualTo(10L);
    assertThat(back.get("float")).isEqualTo(10.0);
    assertThat(back.get("decimal")).isEqualTo(new BigDecimal("12345678901234567890.123456789"));
    assertThat(new ArrayList<>(back.keySet()))
        .containsExactly("zeta", "big", "int", "float", "decimal", "flag", "nothing", "list", "");
    assertThat(back).containsEntry("nothing", null);
  }

  @Test
  void shouldRoundTripTreeWhenItNestsBeyondProtobufsMessageDepthLimit() {
    // 120 JSON levels: google.protobuf.Value would need 240 nested messages, over protobuf's 100.
    Object tree = "leaf";
    for (int i = 0; i < 120; i++) {
      tree = i % 2 == 0 ? List.of(tree) : Map.of("k", tree);
    }

    Object back = JsonMapper.toCore(RoundTripTest.viaBytes(JsonMapper.toProto(tree)));

    assertThat(back).isEqualTo(tree);
  }

  @Test
  void shouldDecodeNullWhenMessageHasNoNodes() {
    assertThat(JsonMapper.toCore(Json.getDefaultInstance())).isNull();
    assertThat(JsonMapper.toCoreObject(Json.getDefaultInstance(), "config")).isEmpty();
  }

  @Test
  void shouldRejectMessageWhenArrayAnnouncesMoreItemsThanItHas() {
    Json json =
        Json.newBuilder()
            .addNodes(JsonNode.newBuilder().setArraySize(2))
            .addNodes(JsonNode.newBuilder().setStringValue("only one"))
            .build();

    assertThatThrownBy(() -> JsonMapper.toCore(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("announces more children");
  }

  @Test
  void shouldRejectMessageWhenNodesFollowTheRootTree() {
    Json json =
        Json.newBuilder()
            .addNodes(JsonNode.newBuilder().setStringValue("a"))
            .addNodes(JsonNode.newBuilder().setStringValue("b"))
            .build();

    assertThatThrownBy(() -> JsonMapper.toCore(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one tree");
  }

  @Test
  void shouldRejectObjectWhenRunConfigIsNotAnObject() {
    Json json = JsonMapper.toProto(List.of(1L));

    assertThatThrownBy(() -> JsonMapper.toCoreObject(json, "The run config"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("The run config must be a JSON object");
  }

  @Test
  void shouldRejectNodeWhenItSetsNoValue() {
    Json json = Json.newBuilder().addNodes(JsonNode.newBuilder().setKey("x")).build();

    assertThatThrownBy(() -> JsonMapper.toCore(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JsonNode sets none of its value cases");
  }
}
