package io.pipewright.webserver.ingest;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

  private static final String VERSION = "v1";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  /** The shortest secret accepted: 32 bytes, the size of the HMAC-SHA256 key it keys. */
  public static final int MIN_SECRET_BYTES = 32;

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
   * Mints a token.
   *
   * @param secret the shared secret
   * @param scope what the token allows
   * @return the token
   */
  public static String mint(byte[] secret, Scope scope) {
    String payload =
        scope.runId()
            + "\n"
            + scope.stepKey()
            + "\n"
            + scope.attempt()
            + "\n"
            + scope.expiresAt().getEpochSecond();
    String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return VERSION + "." + encoded + "." + ENCODER.encodeToString(sign(secret, encoded));
  }

  /**
   * Checks a token.
   *
   * @param secret the shared secret
   * @param token the token
   * @param now the time to check the expiry against
   * @return valid with its scope, or refused with the reason
   */
  public static Check check(byte[] secret, String token, Instant now) {
    String[] parts = token == null ? new String[0] : token.split("\\.", -1);
    if (parts.length != 3 || !VERSION.equals(parts[0])) {
      return new Refused("the token is malformed (expected v1.<scope>.<signature>)");
    }
    byte[] signature;
    String payload;
    try {
      signature = DECODER.decode(parts[2]);
      payload = new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return new Refused("the token is malformed (not base64url)");
    }
    if (!MessageDigest.isEqual(signature, sign(secret, parts[1]))) {
      return new Refused("the token's signature is wrong (another secret, or a forged token)");
    }
    String[] fields = payload.split("\n", -1);
    Scope scope;
    try {
      scope =
          new Scope(
              fields[0],
              fields[1],
              Integer.parseInt(fields[2]),
              Instant.ofEpochSecond(Long.parseLong(fields[3])));
    } catch (RuntimeException e) {
      return new Refused("the token's scope is malformed");
    }
    if (!now.isBefore(scope.expiresAt())) {
      return new Refused(
          "the token of run "
              + scope.runId()
              + ", step "
              + scope.stepKey()
              + ", attempt "
              + scope.attempt()
              + " expired at "
              + scope.expiresAt());
    }
    return new Valid(scope);
  }

  private static byte[] sign(byte[] secret, String encodedPayload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(encodedPayload.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
