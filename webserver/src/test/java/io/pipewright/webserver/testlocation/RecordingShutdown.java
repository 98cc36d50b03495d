package io.pipewright.webserver.testlocation;

import io.pipewright.codelocation.runtime.ServerShutdown;
import io.quarkus.test.Mock;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the code location's shutdown requests instead of ending the test application. */
@Mock
@Singleton
public class RecordingShutdown extends ServerShutdown {

  private final AtomicInteger requests = new AtomicInteger();

  @Override
  public void requestShutdown() {
    requests.incrementAndGet();
  }

  /**
   * Returns how many shutdowns were requested.
   *
   * @return the count
   */
  public int requests() {
    return requests.get();
  }
}
