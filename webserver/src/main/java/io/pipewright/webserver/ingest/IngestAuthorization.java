package io.pipewright.webserver.ingest;

import java.time.Instant;

/**
 * Decides whether an ingest request may write its batch: the {@code Authorization: Bearer} token
 * must be genuine, current, and for the batch's run, step and attempt. Pure.
 */
final class IngestAuthorization {

  private static final String BEARER = "Bearer ";

  /**
   * The decision.
   *
   * @param status 200 when allowed; 401 without a valid token; 403 for a token of another attempt
   * @param message why it was refused; null when allowed
   */
  record Decision(int status, String message) {

    boolean allowed() {
      return status == 200;
    }
  }

  private IngestAuthorization() {}

  /**
   * Decides.
   *
   * @param secret the shared secret, or null when none is configured
   * @param authorization the {@code Authorization} header, or null
   * @param runId the batch's run
   * @param stepKey the batch's step
   * @param attempt the batch's attempt
   * @param now the time
   * @return the decision
   */
  static Decision decide(
      byte[] secret, String authorization, String runId, String stepKey, int attempt, Instant now) {
    if (secret == null) {
      return new Decision(
          401,
          "This webserver has no pipewright.ingest.token-secret, so it accepts no events: set the same"
              + " secret on the webserver and the daemon");
    }
    if (authorization == null || !authorization.startsWith(BEARER)) {
      return new Decision(
          401, "No token: send the attempt's token as Authorization: Bearer <token>");
    }
    IngestTokens.Check check =
        IngestTokens.check(secret, authorization.substring(BEARER.length()).trim(), now);
    if (check instanceof IngestTokens.Refused refused) {
      return new Decision(401, "Token refused: " + refused.reason());
    }
    IngestTokens.Scope scope = ((IngestTokens.Valid) check).scope();
    if (!scope.covers(runId, stepKey, attempt)) {
      return new Decision(
          403,
          "The token allows run "
              + scope.runId()
              + ", step "
              + scope.stepKey()
              + ", attempt "
              + scope.attempt()
              + ", not run "
              + runId
              + ", step "
              + stepKey
              + ", attempt "
              + attempt);
    }
    return new Decision(200, null);
  }
}
