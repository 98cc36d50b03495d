package io.pipewright.protocol.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.launch.KnownState;
import io.pipewright.core.launch.StepExecutionArgs;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.protocol.v1.ExecuteStepArgs;
import io.pipewright.protocol.v1.KnownDynamicOutput;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepArgsCodecTest {

  static StepExecutionArgs full() {
    return StepExecutionArgs.builder("run-1", "etl", "load")
        .codeLocationName("sales")
        .runConfig(Map.of("ops", Map.of("extract", Map.of("config", Map.of("limit", 10)))))
        .opSelection(List.of("extract*"))
        .assetSelection(List.of(AssetKeySnapshot.of("raw", "orders")))
        .partitionKey("2026-01-05")
        .reexecutionOf("run-0", List.of("load"))
        .attempt(2)
        .runTags(Map.of("team", "data", "dagster/parent_run_id", "run-0"))
        .knownState(
            KnownState.builder()
                .mappingKeys("split", "parts", List.of("north", "south"))
                .mappingKeys("split", "empty", List.of())
                .notProduced("split", "note")
                .build())
        .ingestUrl("http://webserver:3000")
        .build();
  }

  @Test
  void shouldRoundTripEveryFieldWhenEncodedAndDecoded() {
    StepExecutionArgs args = full();

    String text = StepArgsCodec.encode(args);

    assertThat(text).matches("[A-Za-z0-9_-]+");
    assertThat(StepArgsCodec.decode(text)).isEqualTo(args);
    assertThat(StepArgsCodec.decode("  " + text + "\n")).isEqualTo(args);
  }

  @Test
  void shouldRoundTripTheMinimalArguments() {
    StepExecutionArgs args =
        StepExecutionArgs.builder("r", "hello", "say_hello").codeLocationName("x").build();

    assertThat(StepArgsCodec.decode(StepArgsCodec.encode(args))).isEqualTo(args);
  }

  @Test
  void shouldCompressLargeArgumentsToFitOnACommandLine() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      keys.add("key_" + i);
    }
    StepExecutionArgs args =
        StepExecutionArgs.builder("run-1", "fan", "total")
            .codeLocationName("sales")
            .knownState(KnownState.builder().mappingKeys("split", "parts", keys).build())
            .build();
    int raw = StepArgsMapper.toProto(args).getSerializedSize();

    String text = StepArgsCodec.encode(args);

    assertThat(text.length()).isLessThan(raw / 2);
    assertThat(StepArgsCodec.fitsOnCommandLine(text)).isTrue();
    assertThat(StepArgsCodec.decode(text)).isEqualTo(args);
  }

  @Test
  void shouldSayTheTextIsEmptyWhenItIs() {
    assertThatThrownBy(() -> StepArgsCodec.decode(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("The step arguments are empty");
  }

  @Test
  void shouldSayTheTextIsNotBase64WhenItIsNot() {
    assertThatThrownBy(() -> StepArgsCodec.decode("not base64!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("The step arguments are not base64 text")
        .hasMessageContaining("it begins with \"not base64!\"");
  }

  @Test
  void shouldSayTheTextIsNotAMessageWhenCutShort() {
    String text = StepArgsCodec.encode(full());

    assertThatThrownBy(() -> StepArgsCodec.decode(text.substring(0, text.length() / 8 * 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an ExecuteStepArgs message")
        .hasMessageContaining("cut short");
  }

  @Test
  void shouldNameTheInvalidFieldWhenTheMessageIsIncomplete() {
    ExecuteStepArgs noAttempt =
        StepArgsMapper.toProto(full()).toBuilder().clearAttempt().clearStepKeysToExecute().build();
    String text = Base64.getUrlEncoder().encodeToString(noAttempt.toByteArray());

    assertThatThrownBy(() -> StepArgsCodec.decode(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The step arguments are invalid: StepExecutionArgs of step load needs an attempt of 1"
                + " or more, got 0");
  }

  @Test
  void shouldRejectADynamicOutputListedTwice() {
    KnownDynamicOutput mapping =
        KnownDynamicOutput.newBuilder().setStepKey("split").setOutputName("parts").build();
    ExecuteStepArgs twice =
        StepArgsMapper.toProto(full()).toBuilder()
            .setKnownState(
                io.pipewright.protocol.v1.KnownState.newBuilder()
                    .addDynamicMappings(mapping)
                    .addDynamicMappings(mapping))
            .build();

    assertThatThrownBy(() -> StepArgsMapper.toCore(twice))
        .hasMessageContaining("output 'parts' of step 'split' twice");
  }
}
