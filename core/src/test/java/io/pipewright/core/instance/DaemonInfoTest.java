package io.pipewright.core.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonInfoTest {

  @Test
  void shouldReadBackWhatItStoresWhenRoundTripped() {
    DaemonInfo info =
        new DaemonInfo(
            10, "- key: \"team\"\n  limit: 1\n", List.of("A", "B"), Duration.ofSeconds(15));

    assertThat(info.entries().keySet()).isEqualTo(DaemonInfo.KEYS);
    assertThat(DaemonInfo.from(info.entries())).contains(info);
    DaemonInfo bare = new DaemonInfo(-1, null, List.of(), Duration.ZERO);
    assertThat(DaemonInfo.from(bare.entries())).contains(bare);
  }

  @Test
  void shouldReadNothingWhenAnEntryIsMissingOrUnreadable() {
    Map<String, String> entries =
        new HashMap<>(new DaemonInfo(1, null, List.of("A"), Duration.ofSeconds(1)).entries());
    entries.put("pipewright/daemon/max-concurrent-runs", "many");

    assertThat(DaemonInfo.from(entries)).isEmpty();
    assertThat(DaemonInfo.from(Map.of())).isEmpty();
  }

  @Test
  void shouldRejectADaemonTypeWithACommaWhenCreated() {
    assertThatThrownBy(() -> new DaemonInfo(1, null, List.of("A,B"), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'A,B'");
  }
}
