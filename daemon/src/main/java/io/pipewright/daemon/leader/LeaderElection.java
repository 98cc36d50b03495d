package io.pipewright.daemon.leader;

/**
 * The port through which daemons agree on one leader: only the leader runs the loops that change
 * runs. Outside a cluster a PostgreSQL advisory lock ({@link PostgresAdvisoryLockElection}); in
 * Kubernetes a Lease would do the same job.
 *
 * <p>Rules every adapter keeps: at most one daemon is told it leads at a time (as far as the
 * platform can tell); a leader that can no longer prove its leadership (lost its connection) is
 * told so before another can take over; a standby keeps trying and takes over within the adapter's
 * failover bound (15 s) of the leader's death.
 */
public interface LeaderElection extends AutoCloseable {

  /** Told of each change of leadership, from the election's own thread. Must not throw. */
  @FunctionalInterface
  interface Listener {
    /**
     * Leadership changed.
     *
     * @param leading whether this daemon leads now
     */
    void leadership(boolean leading);
  }

  /**
   * Starts campaigning.
   *
   * @param listener told of each change
   */
  void start(Listener listener);

  /**
   * Tells whether this daemon leads now.
   *
   * @return true while it leads
   */
  boolean isLeader();

  /** Stops campaigning and gives up leadership, so that a standby takes over at once. */
  @Override
  void close();

  /**
   * An election that this daemon always wins: for a single daemon over in-memory storage.
   *
   * @return the election
   */
  static LeaderElection alone() {
    return new LeaderElection() {
      private volatile Listener listener;

      @Override
      public void start(Listener l) {
        listener = l;
        l.leadership(true);
      }

      @Override
      public boolean isLeader() {
        return listener != null;
      }

      @Override
      public void close() {
        Listener l = listener;
        listener = null;
        if (l != null) {
          l.leadership(false);
        }
      }
    };
  }
}
