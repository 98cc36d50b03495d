package io.pipewright.webserver.ingest;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The event ingest's settings, under {@code pipewright.ingest}. */
@ConfigMapping(prefix = "pipewright.ingest")
public interface IngestConfig {

  /**
   * Returns the secret that signs ingest tokens, shared with the daemon (which mints them), at
   * least 32 bytes; without it every ingest request is refused.
   *
   * @return the secret, or empty
   */
  Optional<String> secret();
}
