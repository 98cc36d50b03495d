package io.pipewright.daemon.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DaemonInfoPublisherTest {

  private record Limit(String key, Optional<String> value, boolean perUniqueValue, int limit)
      implements DaemonConfig.TagLimit {}

  @Test
  void shouldWriteTagLimitsAsDagstersYamlWhenSomeAreConfigured() {
    String yaml =
        DaemonInfoPublisher.tagLimitsYaml(
            List.of(
                new Limit("team", Optional.of("a\"b"), false, 2),
                new Limit("db", Optional.empty(), true, 1),
                new Limit("all", Optional.empty(), false, 5)));

    assertThat(yaml)
        .isEqualTo(
            "- key: \"team\"\n  value: \"a\\\"b\"\n  limit: 2\n"
                + "- key: \"db\"\n  value:\n    applyLimitPerUniqueValue: true\n  limit: 1\n"
                + "- key: \"all\"\n  limit: 5\n");
  }

  @Test
  void shouldWriteNoYamlWhenNoTagLimitIsConfigured() {
    assertThat(DaemonInfoPublisher.tagLimitsYaml(List.of())).isNull();
  }
}
