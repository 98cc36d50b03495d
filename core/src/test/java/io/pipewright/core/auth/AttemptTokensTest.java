package io.pipewright.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptTokensTest {

  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  private static final byte[] SECRET =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private final AttemptTokens tokens = new AttemptTokens(SECRET);
  private final AttemptClaims claims =
      new AttemptClaims("run-1", "process[north]", 2, NOW.plusSeconds(3600));

  @Test
  void shouldReturnTheClaimsWhenTheTokenIsValid() {
    AttemptClaims verified = tokens.verify(tokens.issue(claims), NOW);

    assertThat(verified).isEqualTo(claims);
    assertThat(verified.covers("run-1", "process[north]", 2)).isTrue();
    assertThat(verified.covers("run-1", "process[north]", 1)).isFalse();
    assertThat(verified.covers("run-2", "process[north]", 2)).isFalse();
  }

  @Test
  void shouldSignEveryTokenAsAFreshHmacWouldWhenOneIsIssuedAfterAnother() throws Exception {
    javax.crypto.Mac fresh = javax.crypto.Mac.getInstance("HmacSHA256");
    fresh.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"));
    java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();

    for (int attempt = 1; attempt <= 3; attempt++) {
      AttemptClaims each = new AttemptClaims("run-1", "step", attempt, NOW.plusSeconds(60));
      String payload =
          base64.encodeToString(
              ("run-1\nstep\n" + attempt + "\n" + NOW.plusSeconds(60).getEpochSecond())
                  .getBytes(StandardCharsets.UTF_8));
      String expected =
          "v1."
              + payload
              + "."
              + base64.encodeToString(fresh.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));

      assertThat(tokens.issue(each)).isEqualTo(expected);
    }
  }

  @Test
  void shouldIssueTheSameTokensWhenManyThreadsIssueAtOnce() throws Exception {
    java.util.List<AttemptClaims> all = new java.util.ArrayList<>();
    for (int i = 1; i <= 400; i++) {
      all.add(new AttemptClaims("run-" + (i % 7), "step-" + i, 1 + i % 3, NOW.plusSeconds(i)));
    }
    java.util.List<String> sequential = all.stream().map(tokens::issue).toList();
    AttemptTokens shared = new AttemptTokens(SECRET);

    java.util.List<String> parallel = all.parallelStream().map(shared::issue).toList();

    assertThat(parallel).isEqualTo(sequential);
    for (int i = 0; i < all.size(); i++) {
      assertThat(shared.verify(parallel.get(i), NOW)).isEqualTo(all.get(i));
    }
  }

  @Test
  void shouldRefuseATokenWhenItExpired() {
    String token = tokens.issue(claims);

    assertThatThrownBy(() -> tokens.verify(token, NOW.plusSeconds(3600)))
        .isInstanceOfSatisfying(
            InvalidTokenException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.EXPIRED))
        .hasMessageContaining("expired");
  }

  @Test
  void shouldRefuseATokenWhenAnotherSecretSignedIt() {
    String foreign =
        new AttemptTokens("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII))
            .issue(claims);

    assertThatThrownBy(() -> tokens.verify(foreign, NOW))
        .isInstanceOfSatisfying(
            InvalidTokenException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.BAD_SIGNATURE));
  }

  @Test
  void shouldRefuseATokenWhenItsPayloadWasChanged() {
    String token = tokens.issue(claims);
    String other = tokens.issue(new AttemptClaims("run-1", "other", 2, NOW.plusSeconds(3600)));
    String spliced =
        other.substring(0, other.lastIndexOf('.')) + token.substring(token.lastIndexOf('.'));

    assertThatThrownBy(() -> tokens.verify(spliced, NOW))
        .isInstanceOfSatisfying(
            InvalidTokenException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.BAD_SIGNATURE));
  }

  @Test
  void shouldRefuseGarbageWhenItIsNotAToken() {
    assertThatThrownBy(() -> tokens.verify("Bearer nonsense", NOW))
        .isInstanceOfSatisfying(
            InvalidTokenException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.MALFORMED));
    assertThatThrownBy(() -> tokens.verify("v1.a.b.c", NOW))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> tokens.verify("v1.***.***", NOW))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("base64url");
  }

  @Test
  void shouldRejectAShortSecretWhenCreated() {
    assertThatThrownBy(() -> new AttemptTokens(new byte[8]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32 bytes");
  }
}
