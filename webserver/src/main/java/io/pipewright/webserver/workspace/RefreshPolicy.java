package io.pipewright.webserver.workspace;

/**
 * What the workspace's periodic check does with a location: the decision, apart from the loop that
 * acts on it (the loop is in {@link Workspace}).
 */
final class RefreshPolicy {

  /** What to do with one location. */
  enum Action {
    /** Nothing: a load is in progress. */
    NONE,
    /** Ask the server for its id, to notice a restart (new code) or an outage. */
    PING,
    /** Load the location again. */
    RELOAD
  }

  private RefreshPolicy() {}

  /**
   * Decides what to do with a location on a periodic check.
   *
   * @param entry the location's current entry
   * @return the action
   */
  static Action onTick(LocationEntry entry) {
    if (entry.loading()) {
      return Action.NONE;
    }
    return entry.outcome() instanceof LocationEntry.Loaded ? Action.PING : Action.RELOAD;
  }

  /**
   * Decides what a ping's answer means for a loaded location.
   *
   * @param loadedServerId the id of the server the snapshot came from
   * @param answeredServerId the id the server answers now
   * @return {@link Action#RELOAD} when the server restarted (so its code may have changed), {@link
   *     Action#NONE} otherwise
   */
  static Action onPing(String loadedServerId, String answeredServerId) {
    return loadedServerId.equals(answeredServerId) ? Action.NONE : Action.RELOAD;
  }
}
