package io.pipewright.daemon;

import io.pipewright.daemon.leader.LeaderElection;
import io.pipewright.daemon.loop.DaemonLoop;
import io.pipewright.daemon.schedule.InstigationLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * One daemon process: its loop, started when it wins the election and stopped when it loses it, and
 * what the loop needs closed after it (the launcher, the ingester).
 */
public final class Daemon implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Daemon.class);

  private final DaemonLoop loop;
  private final LeaderElection election;
  private final List<AutoCloseable> resources;
  private final List<InstigationLoop> instigation = new ArrayList<>();

  /**
   * Assembles a daemon.
   *
   * @param loop the loop
   * @param election the leader election
   * @param resources closed after the loop, in order
   */
  public Daemon(DaemonLoop loop, LeaderElection election, List<AutoCloseable> resources) {
    this.loop = Objects.requireNonNull(loop, "loop must not be null");
    this.election = Objects.requireNonNull(election, "election must not be null");
    this.resources = new ArrayList<>(resources);
  }

  /**
   * Adds the loop of a daemon type that follows the leadership too (scheduler, sensors, backfills);
   * call before {@link #start()}.
   *
   * @param follower the loop
   */
  public void follow(InstigationLoop follower) {
    instigation.add(follower);
  }

  /** Starts the loops' threads and the campaign for leadership. */
  public void start() {
    loop.start();
    instigation.forEach(InstigationLoop::start);
    election.start(
        leader -> {
          loop.leading(leader);
          instigation.forEach(follower -> follower.leading(leader));
        });
  }

  /**
   * Returns the loop.
   *
   * @return the loop
   */
  public DaemonLoop loop() {
    return loop;
  }

  /**
   * Returns the election.
   *
   * @return the election
   */
  public LeaderElection election() {
    return election;
  }

  /** Gives up leadership (a standby takes over at once), then stops the loop and the rest. */
  @Override
  public void close() {
    election.close();
    instigation.forEach(InstigationLoop::close);
    loop.close();
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warnf(e, "Closing %s failed", resource);
      }
    }
  }
}
