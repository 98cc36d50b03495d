package io.pipewright.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies per-attempt ingest tokens: {@code v1.<payload>.<signature>}, where the
 * payload is the base64url of {@code runId \n stepKey \n attempt \n expiryEpochSeconds} and the
 * signature the base64url of its HMAC-SHA256 under a secret shared by the daemon (issuer) and the
 * webserver (verifier).
 *
 * <p>Why not JWT: the claims are four fixed fields that only our two services read, and a JDK-only
 * HMAC keeps {@code core} free of a library and native-image friendly. Verification compares
 * signatures in constant time.
 */
public final class AttemptTokens {

  private static final String PREFIX = "v1.";
  private static final String ALGORITHM = "HmacSHA256";

  /** Below this a secret is guessable; the services generate or require at least 32 bytes. */
  public static final int MIN_SECRET_BYTES = 32;

  private final SecretKeySpec key;

  /**
   * One initialized {@link Mac} per thread: creating and initializing one per token cost the daemon
   * noticeably when a thousand steps became ready at once. A {@code Mac} is not thread-safe, and
   * {@link Mac#doFinal(byte[])} resets it for the next token, so each thread reuses its own.
   */
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  /**
   * Creates an issuer and verifier for one secret.
   *
   * @param secret the shared secret, at least {@value #MIN_SECRET_BYTES} bytes
   * @throws IllegalArgumentException when the secret is too short
   */
  public AttemptTokens(byte[] secret) {
    if (secret == null || secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "The ingest token secret must be at least "
              + MIN_SECRET_BYTES
              + " bytes long, got "
              + (secret == null ? "none" : secret.length + " bytes")
              + "; set pipewright.ingest.token-secret (base64) to a random 32-byte value, the"
              + " same in the daemon and the webserver");
    }
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
  }

  /**
   * Issues a token for one attempt.
   *
   * @param claims the attempt and expiry
   * @return the token
   */
  public String issue(AttemptClaims claims) {
    String payload =
        claims.runId()
            + '\n'
            + claims.stepKey()
            + '\n'
            + claims.attempt()
            + '\n'
            + claims.expiresAt().getEpochSecond();
    String encoded = encode(payload.getBytes(StandardCharsets.UTF_8));
    return PREFIX + encoded + '.' + encode(sign(encoded));
  }

  /**
   * Verifies a token and returns its claims.
   *
   * @param token the token from the {@code Authorization: Bearer} header
   * @param now the current time
   * @return the claims
   * @throws InvalidTokenException when the token is malformed, forged or expired
   */
  public AttemptClaims verify(String token, Instant now) {
    if (token == null || !token.startsWith(PREFIX)) {
      throw malformed("it does not start with " + PREFIX);
    }
    int dot = token.indexOf('.', PREFIX.length());
    if (dot < 0 || token.indexOf('.', dot + 1) >= 0) {
      throw malformed("it does not have the three parts v1.<payload>.<signature>");
    }
    String encoded = token.substring(PREFIX.length(), dot);
    byte[] signature = decode(token.substring(dot + 1));
    if (!MessageDigest.isEqual(signature, sign(encoded))) {
      throw new InvalidTokenException(
          InvalidTokenException.Reason.BAD_SIGNATURE,
          "The ingest token's signature does not match: it was issued with another secret or"
              + " changed; the daemon and the webserver must share pipewright.ingest.token-secret");
    }
    String[] parts = new String(decode(encoded), StandardCharsets.UTF_8).split("\n", -1);
    if (parts.length != 4) {
      throw malformed("its payload does not have four fields");
    }
    AttemptClaims claims;
    try {
      claims =
          new AttemptClaims(
              parts[0],
              parts[1],
              Integer.parseInt(parts[2]),
              Instant.ofEpochSecond(Long.parseLong(parts[3])));
    } catch (IllegalArgumentException e) {
      throw malformed("its payload is invalid (" + e.getMessage() + ")");
    }
    if (!now.isBefore(claims.expiresAt())) {
      throw new InvalidTokenException(
          InvalidTokenException.Reason.EXPIRED,
          "The ingest token of run "
              + claims.runId()
              + ", step "
              + claims.stepKey()
              + ", attempt "
              + claims.attempt()
              + " expired at "
              + claims.expiresAt());
    }
    return claims;
  }

  private byte[] sign(String encodedPayload) {
    return macs.get().doFinal(encodedPayload.getBytes(StandardCharsets.US_ASCII));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is mandatory in every Java platform, so this is a broken JDK, not bad input.
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }

  private static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] decode(String text) {
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed("a part is not base64url");
    }
  }

  private static InvalidTokenException malformed(String why) {
    return new InvalidTokenException(
        InvalidTokenException.Reason.MALFORMED, "The ingest token is malformed: " + why);
  }
}
