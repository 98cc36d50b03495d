package io.pipewright.webserver.ingest;

import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * The secret that signs ingest tokens, checked when the webserver starts: a secret shorter than
 * {@link IngestTokens#MIN_SECRET_BYTES} stops the start-up; none at all leaves the ingest refusing
 * every request (with a warning), as a webserver without step workers needs none.
 */
@Singleton
@Startup
public class IngestSecret {

  private static final Logger LOG = Logger.getLogger(IngestSecret.class);

  private final byte[] bytes;

  /**
   * Reads and checks the secret.
   *
   * @param config the ingest's settings
   */
  @Inject
  public IngestSecret(IngestConfig config) {
    if (config.tokenSecret().isEmpty() || config.tokenSecret().get().isBlank()) {
      LOG.warn(
          "pipewright.ingest.token-secret is not set: the event ingest refuses every request. Set the"
              + " same secret on the webserver and the daemon to let step workers report events.");
      this.bytes = null;
      return;
    }
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(config.tokenSecret().get().trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "pipewright.ingest.token-secret is not base64 ("
              + e.getMessage()
              + "); set it to the daemon's value, for example from: openssl rand -base64 48",
          e);
    }
    if (secret.length < IngestTokens.MIN_SECRET_BYTES) {
      throw new IllegalStateException(
          "pipewright.ingest.token-secret has "
              + secret.length
              + " bytes; use at least "
              + IngestTokens.MIN_SECRET_BYTES
              + " random bytes once decoded (for example: openssl rand -base64 48)");
    }
    this.bytes = secret;
  }

  /**
   * Returns the secret.
   *
   * @return the bytes, or null when none is configured
   */
  byte[] bytes() {
    return bytes;
  }
}
