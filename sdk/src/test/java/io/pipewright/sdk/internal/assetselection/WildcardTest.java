package io.pipewright.sdk.internal.assetselection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardTest {

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
    "*, '', true",
    "*, a/b, true",
    "**, abc, true",
    "a*, a, true",
    "a*, ab/c, true",
    "a*, ba, false",
    "*a, ba, true",
    "*a, ab, false",
    "a*a, a, false",
    "a*a, aa, true",
    "a*a, aba, true",
    "a*b*c, abc, true",
    "a*b*c, a/x/b/y/c, true",
    "a*b*c, acb, false",
    "a*bc*bc, abcbc, true",
    "a*bc*bc, abc, false",
    "*ab*ab*, xabyab, true",
    "*ab*ab*, xaby, false",
    "raw_*, raw_events, true",
    "raw_*, raw/orders, false",
    "*/orders, stg/orders, true"
  })
  void shouldMatchLikeAGlobWhenTheOnlyWildcardIsStar(String pattern, String text, boolean match) {
    assertThat(new SelectionResolver.Wildcard(pattern).matches(text)).isEqualTo(match);
  }
}
