package io.pipewright.sdk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.config.ConfigDefault;
import io.pipewright.sdk.types.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestOpContextTest {
  record Limits(int limit, @ConfigDefault("\"csv\"") String format) {}

  static final OpDefinition DESCRIBE =
      OpDefinition.builder("describe")
          .config(Limits.class)
          .input("prefix", Types.STRING)
          .output(Types.STRING)
          .compute(
              (ctx, in) -> {
                Limits l = ctx.config(Limits.class);
                ctx.log().info("described");
                return in.getString("prefix") + l.limit() + "/" + l.format();
              })
          .build();

  @Test
  void shouldApplyConfigDefaultsAsARunWouldWhenInvokingAnOpDirectly() throws Exception {
    TestOpContext context = TestOpContext.builder().config(Map.of("limit", 5)).build();

    Object out = OpInvoker.invoke(DESCRIBE, context, Map.of("prefix", "n="));

    assertThat(out).isEqualTo("n=5/csv");
    assertThat(context.logMessages()).containsExactly("described");
  }

  @Test
  void shouldRejectInvalidConfigAndInputsWithClearMessages() {
    TestOpContext bad = TestOpContext.builder().config(Map.of("limit", "ten")).build();

    assertThatThrownBy(() -> OpInvoker.invoke(DESCRIBE, bad, Map.of("prefix", "x")))
        .hasMessageContaining("config.limit: expected int");
    assertThatThrownBy(() -> OpInvoker.invoke(DESCRIBE, Map.of("prefix", 3)))
        .hasMessageContaining("input 'prefix' fails its type check");
    assertThatThrownBy(() -> OpInvoker.invoke(DESCRIBE, Map.of()))
        .hasMessageContaining("input 'prefix' is missing");
  }

  @Test
  void shouldAdvanceTheTestClockInsteadOfSleeping() throws Exception {
    TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));

    clock.sleeper().sleep(Duration.ofMinutes(5));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
    assertThat(clock.sleeps()).containsExactly(Duration.ofMinutes(5));
  }
}
