package io.pipewright.webserver;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The time source of the webserver: one injected clock, so that tests can fix the time. */
public class Clocks {

  /**
   * Produces the system clock in UTC.
   *
   * @return the clock
   */
  @Produces
  @Singleton
  public Clock clock() {
    return Clock.systemUTC();
  }
}
