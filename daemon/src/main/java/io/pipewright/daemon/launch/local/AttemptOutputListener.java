package io.pipewright.daemon.launch.local;

import io.pipewright.core.launch.AttemptId;
import java.nio.file.Path;

/**
 * Told when an attempt's worker starts writing its standard output and when it has stopped, so that
 * the worker's events (JSON lines on standard output when there is no event ingest) reach the event
 * log. {@link #ended} runs before the launcher reports the attempt's end: by the time the daemon
 * learns that a worker exited, the events it wrote are stored.
 */
public interface AttemptOutputListener {

  /** Listens to nothing. */
  AttemptOutputListener NONE =
      new AttemptOutputListener() {
        @Override
        public void started(AttemptId attempt, Path stdout) {}

        @Override
        public void ended(AttemptId attempt, Path stdout) {}
      };

  /**
   * The worker is running (also for one found running after a daemon restart).
   *
   * @param attempt the attempt
   * @param stdout the file its standard output goes to
   */
  void started(AttemptId attempt, Path stdout);

  /**
   * The worker has exited; called once, before its end is reported. May block briefly (to store the
   * last events); must not throw.
   *
   * @param attempt the attempt
   * @param stdout the file its standard output went to
   */
  void ended(AttemptId attempt, Path stdout);
}
