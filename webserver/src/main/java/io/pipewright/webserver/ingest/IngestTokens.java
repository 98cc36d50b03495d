package io.pipewright.webserver.ingest;

import io.pipewright.core.auth.AttemptClaims;
import io.pipewright.core.auth.AttemptTokens;
import io.pipewright.core.auth.InvalidTokenException;
import java.time.Instant;

/**
 * The tokens of the event ingest: each allows writing the events of one step attempt until it
 * expires, and nothing else. A token is {@code v1.<scope>.<signature>}: the scope (run id, step
 * key, attempt and expiry, one per line, base64url) and its HMAC-SHA256 under a secret the
 * webserver shares with the daemon, which mints the tokens when it launches attempts. Step workers
 * never hold the secret, nor database credentials.
 *
 * <p>Pure: minting and checking take the secret and the time as arguments.
 */
public final class IngestTokens {

  /** The shortest secret accepted: 32 bytes, the size of the HMAC-SHA256 key it keys. */
  public static final int MIN_SECRET_BYTES = AttemptTokens.MIN_SECRET_BYTES;

  private IngestTokens() {}

  /**
   * What a token allows: writing one attempt's events until it expires.
   *
   * @param runId the run
   * @param stepKey the step
   * @param attempt the attempt, from 1
   * @param expiresAt when the token stops being accepted
   */
  public record Scope(String runId, String stepKey, int attempt, Instant expiresAt) {

    /** Validates the components: none may hold a line break, which separates them. */
    public Scope {
      if (runId == null || runId.isBlank() || runId.contains("\n")) {
        throw new IllegalArgumentException(
            "A token's run id must be non-blank, without line breaks");
      }
      if (stepKey == null || stepKey.isBlank() || stepKey.contains("\n")) {
        throw new IllegalArgumentException(
            "A token's step key must be non-blank, without line breaks");
      }
      if (attempt < 1) {
        throw new IllegalArgumentException("A token's attempt must be 1 or more, got " + attempt);
      }
      if (expiresAt == null) {
        throw new IllegalArgumentException("A token needs an expiry");
      }
    }

    /**
     * Tells whether this scope allows writing a batch.
     *
     * @param run the batch's run
     * @param step the batch's step
     * @param batchAttempt the batch's attempt
     * @return true when the batch is this scope's attempt
     */
    public boolean covers(String run, String step, int batchAttempt) {
      return runId.equals(run) && stepKey.equals(step) && attempt == batchAttempt;
    }
  }

  /** The outcome of checking a token. */
  public sealed interface Check {}

  /**
   * The token is genuine and current.
   *
   * @param scope what it allows
   */
  public record Valid(Scope scope) implements Check {}

  /**
   * The token is refused.
   *
   * @param reason why, for the log and the answer (never the token itself)
   */
  public record Refused(String reason) implements Check {}

  /**
   * Mints a token, as the daemon does (both use core's {@link AttemptTokens}, so the format cannot
   * drift between issuer and verifier).
   *
   * @param secret the shared secret
   * @param scope what the token allows
   * @return the token
   */
  public static String mint(byte[] secret, Scope scope) {
    return new AttemptTokens(secret)
        .issue(
            new AttemptClaims(scope.runId(), scope.stepKey(), scope.attempt(), scope.expiresAt()));
  }

  /**
   * Checks a token.
   *
   * @param secret the shared secret
   * @param token the token, or null
   * @param now the current time
   * @return the token's scope, or why it is refused
   */
  public static Check check(byte[] secret, String token, Instant now) {
    try {
      AttemptClaims claims = new AttemptTokens(secret).verify(token, now);
      return new Valid(
          new Scope(claims.runId(), claims.stepKey(), claims.attempt(), claims.expiresAt()));
    } catch (InvalidTokenException e) {
      return new Refused(
          e.reason() == InvalidTokenException.Reason.BAD_SIGNATURE
              ? "the token's signature is wrong (another secret, or a forged token)"
              : e.getMessage());
    } catch (IllegalArgumentException e) {
      return new Refused("the token's scope is malformed");
    }
  }
}
