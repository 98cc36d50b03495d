package io.pipewright.executor.k8s.internal;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The launcher's memory of attempts: each one's pod, the latest status it reported, and where it is
 * in the launcher's own lifecycle ({@link Stage}, an explicit transition table). It decides which
 * statuses are news: per attempt the phases only move forward, and nothing follows an end.
 *
 * <p>Changed by one thread only (the launcher's delivery thread); {@link #knows} may be asked from
 * any thread.
 */
public final class AttemptBook {

  /** Where an attempt is, as far as the launcher is concerned. */
  public enum Stage {
    /** Its pod exists or is being created; nobody asked to stop it. */
    LIVE,
    /** Its pod is being deleted on request; {@code TERMINATED} follows once it is gone. */
    TERMINATING,
    /** Its pod ended; its log is being read before the end is reported. */
    ENDING,
    /** Its end was reported; nothing more will be. */
    ENDED;

    private Set<Stage> next() {
      return switch (this) {
        case LIVE -> EnumSet.of(TERMINATING, ENDING, ENDED);
        // A pod that ends by itself before its deletion is seen reports its real end.
        case TERMINATING -> EnumSet.of(ENDING, ENDED);
        case ENDING -> EnumSet.of(ENDED);
        case ENDED -> EnumSet.noneOf(Stage.class);
      };
    }
  }

  /** One attempt: mutable, owned by the book's thread. */
  static final class Entry {
    private final AttemptId attempt;
    private final String podName;
    private Stage stage = Stage.LIVE;
    private AttemptStatus latest;
    private Instant endedAt;

    private Entry(AttemptId attempt, String podName) {
      this.attempt = attempt;
      this.podName = podName;
    }

    private void moveTo(Stage next) {
      if (!stage.next().contains(next)) {
        throw new IllegalStateException(
            "attempt " + attempt + " cannot move from " + stage + " to " + next);
      }
      stage = next;
    }
  }

  private final Map<AttemptId, Entry> entries = new ConcurrentHashMap<>();

  /**
   * Tells whether an attempt is known (launched by this launcher, or seen by its informer).
   *
   * @param attempt the attempt
   * @return true when known; safe from any thread
   */
  public boolean knows(AttemptId attempt) {
    return entries.containsKey(attempt);
  }

  /**
   * Starts tracking an attempt, or returns it when known.
   *
   * @param attempt the attempt
   * @param podName its pod's name
   */
  public void track(AttemptId attempt, String podName) {
    entries.computeIfAbsent(attempt, id -> new Entry(id, podName));
  }

  /**
   * Returns an attempt's stage.
   *
   * @param attempt the attempt
   * @return its stage, or null when unknown
   */
  public Stage stage(AttemptId attempt) {
    Entry entry = entries.get(attempt);
    return entry == null ? null : entry.stage;
  }

  /**
   * Returns an attempt's pod name.
   *
   * @param attempt the attempt
   * @return the name, or null when unknown
   */
  public String podName(AttemptId attempt) {
    Entry entry = entries.get(attempt);
    return entry == null ? null : entry.podName;
  }

  /**
   * Tells whether an attempt has reported anything yet.
   *
   * @param attempt the attempt
   * @return true when a status was reported
   */
  public boolean hasStatus(AttemptId attempt) {
    Entry entry = entries.get(attempt);
    return entry != null && entry.latest != null;
  }

  /**
   * Moves a known attempt to another stage.
   *
   * @param attempt the attempt
   * @param next the stage
   * @throws IllegalStateException when the table does not allow the move, or the attempt is unknown
   */
  public void moveTo(AttemptId attempt, Stage next) {
    Entry entry = entries.get(attempt);
    if (entry == null) {
      throw new IllegalStateException("attempt " + attempt + " is not known");
    }
    entry.moveTo(next);
  }

  /**
   * Tells whether an attempt may move to a stage.
   *
   * @param attempt the attempt
   * @param next the stage
   * @return true when known and allowed
   */
  public boolean canMove(AttemptId attempt, Stage next) {
    Entry entry = entries.get(attempt);
    return entry != null && entry.stage.next().contains(next);
  }

  /**
   * Takes a status of a known attempt and says whether it is news: a later phase than the latest,
   * or the same live phase with another message. An ended status also moves the attempt to {@link
   * Stage#ENDED}.
   *
   * @param status the status
   * @param now when it is reported
   * @return true when it should be reported
   */
  public boolean offer(AttemptStatus status, Instant now) {
    Entry entry = entries.get(status.attempt());
    if (entry == null) {
      throw new IllegalStateException("attempt " + status.attempt() + " is not known");
    }
    if (entry.stage == Stage.ENDED) {
      return false;
    }
    AttemptStatus latest = entry.latest;
    if (latest != null) {
      int order = status.phase().compareTo(latest.phase());
      if (order < 0
          || (order == 0 && Objects.equals(status.message(), latest.message()))
          || latest.phase().isEnded()) {
        return false;
      }
    }
    if (status.phase().isEnded()) {
      entry.moveTo(Stage.ENDED);
      entry.endedAt = now;
    } else if (entry.stage == Stage.ENDING) {
      // The end is being prepared (its log read): a late live status would only confuse.
      return false;
    }
    entry.latest = status;
    return true;
  }

  /**
   * Returns the latest status of every attempt that reported one, for a new watch.
   *
   * @return the statuses
   */
  public List<AttemptStatus> latest() {
    List<AttemptStatus> statuses = new ArrayList<>(entries.size());
    for (Entry entry : entries.values()) {
      if (entry.latest != null) {
        statuses.add(entry.latest);
      }
    }
    return statuses;
  }

  /**
   * Returns the attempts of a run that are {@link Stage#LIVE}.
   *
   * @param runId the run
   * @return the attempts
   */
  public List<AttemptId> live(String runId) {
    List<AttemptId> live = new ArrayList<>();
    for (Entry entry : entries.values()) {
      if (entry.stage == Stage.LIVE && entry.attempt.runId().equals(runId)) {
        live.add(entry.attempt);
      }
    }
    return live;
  }

  /**
   * Returns the ended attempts whose pod is gone and that ended before a time: candidates to
   * forget.
   *
   * @param podPresent whether a pod still exists, by name
   * @return the attempts with the time they ended
   */
  public Map<AttemptId, Instant> endedWithoutPod(Predicate<String> podPresent) {
    Map<AttemptId, Instant> ended = new HashMap<>();
    for (Entry entry : entries.values()) {
      if (entry.stage == Stage.ENDED && !podPresent.test(entry.podName)) {
        ended.put(entry.attempt, entry.endedAt);
      }
    }
    return ended;
  }

  /**
   * Forgets attempts: launching one again creates a new pod. Only for ended attempts whose run will
   * not launch them again.
   *
   * @param attempts the attempts
   */
  public void forget(Collection<AttemptId> attempts) {
    for (AttemptId attempt : attempts) {
      Entry entry = entries.get(attempt);
      if (entry != null && entry.stage == Stage.ENDED) {
        entries.remove(attempt);
      }
    }
  }

  /**
   * Returns how many attempts are tracked.
   *
   * @return the count
   */
  public int size() {
    return entries.size();
  }
}
