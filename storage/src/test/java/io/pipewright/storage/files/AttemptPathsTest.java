package io.pipewright.storage.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttemptPathsTest {

  @Test
  void shouldEncodeEveryKeyAsOneSafeReversibleSegmentWhenItHasOddCharacters() {
    for (String key :
        new String[] {"op", "graph.op", "op[north]", "..", ".hidden", "a/b", "é ü", "%"}) {
      String segment = AttemptPaths.encode(key);

      assertThat(segment).doesNotContain("/").isNotEqualTo("..").isNotEqualTo(".");
      assertThat(segment).doesNotStartWith(".");
      assertThat(AttemptPaths.decode(segment)).isEqualTo(key);
    }
    assertThat(AttemptPaths.encode("graph.op[north]")).isEqualTo("graph.op[north]");
  }
}
