package io.pipewright.protocol.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.launch.KnownState;
import io.pipewright.core.launch.StepExecutionArgs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepArgsRunEncoderTest {

  private static StepExecutionArgs step(
      StepExecutionArgs run, String key, int attempt, KnownState known) {
    return new StepExecutionArgs(
        run.runId(),
        run.jobName(),
        run.codeLocationName(),
        run.runConfig(),
        run.opSelection(),
        run.assetSelection(),
        run.partitionKey(),
        run.parentRunId(),
        run.stepKeysToExecute(),
        key,
        attempt,
        run.runTags(),
        known,
        run.ingestUrl());
  }

  @Test
  void shouldGiveTheSameTextAsTheWholeEncodingForEveryStepOfTheRun() {
    StepExecutionArgs run = StepArgsCodecTest.full();
    StepArgsCodec.RunEncoder encoder = StepArgsCodec.forRun(run);
    KnownState other = KnownState.builder().notProduced("a", "b").build();

    for (StepExecutionArgs args :
        List.of(
            run,
            step(run, "other", 1, KnownState.empty()),
            step(run, "mapped[k]", 3, other),
            step(run, "again", 7, other))) {
      String text = encoder.encode(args.stepKey(), args.attempt(), args.knownState());

      assertThat(text).isEqualTo(StepArgsCodec.encode(args));
      assertThat(StepArgsCodec.decode(text)).isEqualTo(args);
    }
  }

  @Test
  void shouldGiveTheSameTextWhenTheRunHasNoTagsNoIngestUrlAndNoKnownState() {
    StepExecutionArgs run =
        StepExecutionArgs.builder("r", "hello", "say_hello").codeLocationName("x").build();

    String text = StepArgsCodec.forRun(run).encode("say_hello", 1, null);

    assertThat(text).isEqualTo(StepArgsCodec.encode(run));
  }

  @Test
  void shouldKeepTheRunTagsInTheirOrder() {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 20; i > 0; i--) {
      tags.put("tag" + i, "v" + i);
    }
    StepExecutionArgs run =
        StepExecutionArgs.builder("r", "job", "s")
            .codeLocationName("x")
            .runTags(tags)
            .ingestUrl("http://ingest:3000")
            .build();

    assertThat(StepArgsCodec.forRun(run).encode("s", 1, KnownState.empty()))
        .isEqualTo(StepArgsCodec.encode(run));
  }

  @Test
  void shouldCompressLargeArgumentsAsTheWholeEncodingDoes() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      keys.add("key_" + i);
    }
    KnownState large = KnownState.builder().mappingKeys("split", "parts", keys).build();
    StepExecutionArgs run =
        StepExecutionArgs.builder("run-1", "fan", "total").codeLocationName("sales").build();
    StepArgsCodec.RunEncoder encoder = StepArgsCodec.forRun(run);

    String first = encoder.encode("total", 1, large);
    String second = encoder.encode("other", 2, large);

    assertThat(first).isEqualTo(StepArgsCodec.encode(step(run, "total", 1, large)));
    assertThat(StepArgsCodec.decode(second)).isEqualTo(step(run, "other", 2, large));
    assertThat(second.length()).isLessThan(keys.size() * 4);
  }

  @Test
  void shouldRejectABlankStepKeyOrAnAttemptBelowOne() {
    StepArgsCodec.RunEncoder encoder = StepArgsCodec.forRun(StepArgsCodecTest.full());

    assertThatThrownBy(() -> encoder.encode(" ", 1, null)).hasMessageContaining("step key");
    assertThatThrownBy(() -> encoder.encode("s", 0, null)).hasMessageContaining("attempt 0");
  }
}
