package io.pipewright.local;

import io.pipewright.local.internal.LocalSystem;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole Pipewright system on one machine ({@code bin/pipewright-local}): a private PostgreSQL,
 * the example code locations {@code etl} and {@code assets}, the webserver and the daemon, all on
 * one database; it prints the GraphQL URL and runs until Ctrl-C, which stops everything.
 *
 * <p>The source tree whose packaged applications it starts is the system property {@code
 * pipewright.root} (the script sets it), else the working directory. See {@code docs/local.md}.
 */
public final class PipewrightLocal {

  private PipewrightLocal() {}

  /**
   * Runs the system.
   *
   * @param args {@code --keep} to keep the home directory (default {@code ~/.pipewright})
   */
  public static void main(String[] args) {
    LocalOptions options;
    try {
      options =
          LocalOptions.parse(
              List.of(args),
              System.getenv(),
              Path.of(System.getProperty("pipewright.root", ".")),
              Path.of(System.getProperty("user.home")));
    } catch (IllegalArgumentException e) {
      System.err.println("pipewright-local: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(new LocalSystem(options, System.out, System.err).run());
  }
}
