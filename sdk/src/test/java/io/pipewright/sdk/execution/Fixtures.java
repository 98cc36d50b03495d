package io.pipewright.sdk.execution;

import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.types.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Small ops and a fake clock shared by the engine tests. */
final class Fixtures {
  private Fixtures() {}

  static OpDefinition constant(String name, Object value) {
    return OpDefinition.builder(name).output(Types.ANY).compute((ctx, in) -> value).build();
  }

  static OpDefinition addOne(String name) {
    return OpDefinition.builder(name)
        .input("x", Types.INT)
        .output(Types.INT)
        .compute((ctx, in) -> in.getInt("x") + 1)
        .build();
  }

  static OpDefinition failing(String name, RuntimeException error) {
    return OpDefinition.builder(name)
        .input("x", Types.ANY)
        .output(Types.ANY)
        .compute(
            (ctx, in) -> {
              throw error;
            })
        .build();
  }

  /** A clock that moves only when the sleeper sleeps. */
  static final class FakeTime {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final List<Duration> sleeps = new ArrayList<>();

    Clock clock() {
      return new Clock() {
        @Override
        public Instant instant() {
          return now;
        }

        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }
      };
    }

    Sleeper sleeper() {
      return d -> {
        sleeps.add(d);
        now = now.plus(d);
      };
    }
  }
}
