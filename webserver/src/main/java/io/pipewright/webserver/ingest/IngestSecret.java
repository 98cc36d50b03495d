package io.pipewright.webserver.ingest;

import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
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
    if (config.secret().isEmpty() || config.secret().get().isBlank()) {
      LOG.warn(
          "pipewright.ingest.secret is not set: the event ingest refuses every request. Set the"
              + " same secret on the webserver and the daemon to let step workers report events.");
      this.bytes = null;
      return;
    }
    byte[] secret = config.secret().get().getBytes(StandardCharsets.UTF_8);
    if (secret.length < IngestTokens.MIN_SECRET_BYTES) {
      throw new IllegalStateException(
          "pipewright.ingest.secret has "
              + secret.length
              + " bytes; use at least "
              + IngestTokens.MIN_SECRET_BYTES
              + " random bytes (for example: openssl rand -base64 48)");
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
