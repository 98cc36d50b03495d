package io.pipewright.sdk.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextsTest {

  @Test
  void shouldCutAndMarkWhenTextIsTooLong() {
    assertThat(Texts.abbreviate("abcdefghij", 10)).isEqualTo("abcdefghij");
    assertThat(Texts.abbreviate("abcdefghijk", 10)).isEqualTo("abcdefg...").hasSize(10);
    assertThat(Texts.abbreviate(null, 10)).isEqualTo("null");
  }

  @Test
  void shouldNotSplitSurrogatePairWhenAbbreviating() {
    String text = "abcdef\uD83D\uDE00xyz"; // an emoji at positions 6 and 7

    assertThat(Texts.abbreviate(text, 10)).isEqualTo("abcdef...");
  }

  @Test
  void shouldKeepFirstLineWhenTextHasSeveral() {
    assertThat(Texts.firstLine("one")).isEqualTo("one");
    assertThat(Texts.firstLine("one\ntwo")).isEqualTo("one...");
    assertThat(Texts.firstLine("one\r\ntwo")).isEqualTo("one...");
    assertThat(Texts.firstLine("one\n")).isEqualTo("one");
  }

  @Test
  void shouldEscapeLineBreaksWhenOneLine() {
    String plain = "no breaks";

    assertThat(Texts.oneLine(plain)).isSameAs(plain);
    assertThat(Texts.oneLine("a\nb\tc\r")).isEqualTo("a\\nb\\tc\\r");
  }

  @Test
  void shouldQuoteStringsAndSurviveBrokenToStringWhenRenderingValues() {
    Object broken =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("nope");
          }
        };

    assertThat(Texts.renderValue("ten", 40)).isEqualTo("\"ten\"");
    assertThat(Texts.renderValue(12, 40)).isEqualTo("12");
    assertThat(Texts.renderValue(null, 40)).isEqualTo("null");
    assertThat(Texts.renderValue(broken, 200)).contains("toString() threw");
    assertThat(Texts.renderValue("x".repeat(100), 20)).hasSize(20).endsWith("...\"");
  }

  @Test
  void shouldWriteCompactJsonWhenTreeIsSmall() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("s", "a\"b\n");
    tree.put("n", 1);
    tree.put("d", new BigDecimal("1E+3"));
    List<Object> list = new ArrayList<>();
    list.add(true);
    list.add(null);
    tree.put("l", list);

    assertThat(Texts.compactJson(tree, 200))
        .isEqualTo("{\"s\":\"a\\\"b\\n\",\"n\":1,\"d\":1000,\"l\":[true,null]}");
  }

  @Test
  void shouldStopEarlyWhenJsonExceedsBudget() {
    List<Integer> many = new ArrayList<>();
    for (int i = 0; i < 1_000_000; i++) {
      many.add(i);
    }

    String json = Texts.compactJson(many, 30);

    assertThat(json).hasSize(30).startsWith("[0,1,2,3").endsWith("...");
  }
}
