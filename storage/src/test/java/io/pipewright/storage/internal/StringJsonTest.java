package io.pipewright.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StringJsonTest {

  @Test
  void shouldReadBackWhatItWroteWhenStringsHoldEscapesOrNone() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("team", "data");
    tags.put("quote\"d", "back\\slash");
    tags.put("line", "a\nb\tc");
    tags.put("", "");
    tags.put("unicode", "caf\u00e9 \u0001");

    assertThat(StringJson.parseObject(StringJson.object(tags))).containsExactlyEntriesOf(tags);
    assertThat(StringJson.parseArray(StringJson.array(List.of("a", "b\"c", ""))))
        .containsExactly("a", "b\"c", "");
  }

  @Test
  void shouldReadEscapesWhenAPlainStartPrecedesThem() {
    assertThat(StringJson.parseArray("[\"plain\", \"x\\u0041y\", \"\\/\"]"))
        .containsExactly("plain", "xAy", "/");
  }

  @Test
  void shouldRefuseAStringWithoutItsClosingQuote() {
    assertThatThrownBy(() -> StringJson.parseArray("[\"open"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a closing quote");
    assertThatThrownBy(() -> StringJson.parseArray("[\"open\\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a closing quote");
  }
}
