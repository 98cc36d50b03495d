package io.pipewright.daemon.app;

import java.util.HashMap;
import java.util.Map;

/** {@link FakeWorkerProfile} with the application's own daemon off: tests assemble daemons. */
public class NoDaemonProfile extends FakeWorkerProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> config = new HashMap<>(super.getConfigOverrides());
    config.put("pipewright.daemon.enabled", "false");
    return config;
  }
}
