package io.pipewright.webserver.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IngestTokensTest {

  private static final byte[] SECRET =
      "a-secret-of-at-least-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final IngestTokens.Scope SCOPE =
      new IngestTokens.Scope("run-1", "clean.double_rows[k]", 2, NOW.plusSeconds(60));

  @Test
  void shouldAcceptATokenWhenTheDaemonIssuedItWithCoresAttemptTokens() {
    // The daemon mints with core's AttemptTokens; the two must agree on the wire format.
    String token =
        new io.pipewright.core.auth.AttemptTokens(SECRET)
            .issue(
                new io.pipewright.core.auth.AttemptClaims(
                    "run-1", "clean.double_rows[k]", 2, NOW.plusSeconds(60)));

    assertThat(IngestTokens.check(SECRET, token, NOW)).isEqualTo(new IngestTokens.Valid(SCOPE));
    assertThat(IngestTokens.check(SECRET, token + "x", NOW))
        .isInstanceOf(IngestTokens.Refused.class);
  }

  @Test
  void shouldAcceptAGenuineCurrentTokenWithItsScope() {
    String token = IngestTokens.mint(SECRET, SCOPE);

    IngestTokens.Check check = IngestTokens.check(SECRET, token, NOW);

    assertThat(check).isEqualTo(new IngestTokens.Valid(SCOPE));
    assertThat(token).startsWith("v1.").doesNotContain("run-1");
  }

  @Test
  void shouldRefuseAnExpiredTokenNamingItsAttempt() {
    String token = IngestTokens.mint(SECRET, SCOPE);

    IngestTokens.Check check = IngestTokens.check(SECRET, token, NOW.plusSeconds(60));

    assertThat(check).isInstanceOf(IngestTokens.Refused.class);
    assertThat(((IngestTokens.Refused) check).reason())
        .contains("run run-1, step clean.double_rows[k], attempt 2 expired");
  }

  @Test
  void shouldRefuseATokenOfAnotherSecretOrAForgedScope() {
    String token = IngestTokens.mint(SECRET, SCOPE);
    String other =
        IngestTokens.mint(
            "another-secret-of-thirty-two-bytes-long".getBytes(StandardCharsets.UTF_8), SCOPE);
    String[] parts = token.split("\\.");
    String forged =
        parts[0]
            + "."
            + IngestTokens.mint(
                    SECRET, new IngestTokens.Scope("run-2", "s", 1, NOW.plusSeconds(60)))
                .split("\\.")[1]
            + "."
            + parts[2];

    assertThat(IngestTokens.check(SECRET, other, NOW)).isInstanceOf(IngestTokens.Refused.class);
    assertThat(((IngestTokens.Refused) IngestTokens.check(SECRET, forged, NOW)).reason())
        .contains("signature is wrong");
  }

  @Test
  void shouldRefuseMalformedTokens() {
    assertThat(IngestTokens.check(SECRET, "nonsense", NOW))
        .isInstanceOf(IngestTokens.Refused.class);
    assertThat(IngestTokens.check(SECRET, "v1.!!.??", NOW))
        .isInstanceOf(IngestTokens.Refused.class);
    assertThat(IngestTokens.check(SECRET, null, NOW)).isInstanceOf(IngestTokens.Refused.class);
  }

  @Test
  void shouldCoverOnlyItsOwnAttempt() {
    assertThat(SCOPE.covers("run-1", "clean.double_rows[k]", 2)).isTrue();
    assertThat(SCOPE.covers("run-1", "clean.double_rows[k]", 3)).isFalse();
    assertThat(SCOPE.covers("run-1", "other", 2)).isFalse();
    assertThatThrownBy(() -> new IngestTokens.Scope("r\n", "s", 1, NOW))
        .hasMessageContaining("without line breaks");
  }
}
