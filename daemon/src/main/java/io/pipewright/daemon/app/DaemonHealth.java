package io.pipewright.daemon.app;

import io.pipewright.daemon.Daemon;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the daemon has started. A standby is ready too (it waits to take over); the response
 * says whether this daemon leads and how many runs it drives.
 */
@Readiness
@ApplicationScoped
public class DaemonHealth implements HealthCheck {

  private final DaemonApplication application;
  private final DaemonConfig config;

  @Inject
  DaemonHealth(DaemonApplication application, DaemonConfig config) {
    this.application = application;
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    if (!config.enabled()) {
      return HealthCheckResponse.named("pipewright-daemon").up().withData("enabled", false).build();
    }
    Daemon daemon = application.daemon();
    if (daemon == null) {
      return HealthCheckResponse.named("pipewright-daemon").down().build();
    }
    return HealthCheckResponse.named("pipewright-daemon")
        .up()
        .withData("leader", daemon.election().isLeader())
        .withData("drivenRuns", daemon.loop().drivenRunCount())
        .build();
  }
}
