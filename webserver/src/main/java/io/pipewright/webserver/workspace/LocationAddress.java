package io.pipewright.webserver.workspace;

/**
 * A configured code location: its name in the workspace and where its server listens.
 *
 * @param name the location's name, unique in the workspace; non-blank
 * @param host the server's host; non-blank
 * @param port the server's port, 1 to 65535
 */
public record LocationAddress(String name, String host, int port) {

  /** Validates the components. */
  public LocationAddress {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A code location needs a non-blank name");
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException(
          "Code location '" + name + "' has no host; set locations." + name + ".host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "Code location '"
              + name
              + "' has port "
              + port
              + "; set locations."
              + name
              + ".port to a port from 1 to 65535");
    }
  }

  /**
   * Returns {@code host:port}, for messages.
   *
   * @return the address
   */
  public String target() {
    return host + ":" + port;
  }
}
