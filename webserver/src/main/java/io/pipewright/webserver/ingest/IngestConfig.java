package io.pipewright.webserver.ingest;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The event ingest's settings, under {@code pipewright.ingest}. */
@ConfigMapping(prefix = "pipewright.ingest")
public interface IngestConfig {

  /**
   * Returns the secret that signs ingest tokens, base64-encoded, shared with the daemon (which
   * mints them with core's {@code AttemptTokens}; same key and encoding on both), at least 32 bytes
   * once decoded; without it every ingest request is refused.
   *
   * @return the base64 secret, or empty
   */
  Optional<String> tokenSecret();
}
