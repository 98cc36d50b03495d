package io.pipewright.storage.memory;

import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunAlreadyExistsException;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.run.RunStateMachine;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.storage.internal.Failures;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link RunStore} in memory: runs in creation order, guarded by one lock. */
public final class InMemoryRunStore implements RunStore {

  private final Guard guard = new Guard();

  /** Runs by id, in creation order (the storage id order of the PostgreSQL adapter). */
  private final LinkedHashMap<String, Run> runs = new LinkedHashMap<>();

  /** Creates an empty store. */
  public InMemoryRunStore() {}

  @Override
  public Uni<Run> add(Run run) {
    return guard.call(
        () -> {
          if (runs.containsKey(run.runId())) {
            throw new RunAlreadyExistsException(
                run.runId(), "A run with id " + run.runId() + " exists already");
          }
          runs.put(run.runId(), run);
          return run;
        });
  }

  @Override
  public Uni<Optional<Run>> find(String runId) {
    return guard.call(() -> Optional.ofNullable(runs.get(runId)));
  }

  @Override
  public Uni<List<Run>> list(RunFilter filter, String afterRunId, int limit) {
    return guard.call(
        () -> {
          Failures.requireLimit(limit);
          List<Run> all = new ArrayList<>(runs.values());
          int start = all.size() - 1;
          if (afterRunId != null) {
            int at = indexOf(all, afterRunId);
            if (at < 0) {
              throw Failures.unknownRunCursor(afterRunId);
            }
            start = at - 1;
          }
          List<Run> page = new ArrayList<>();
          for (int i = start; i >= 0 && page.size() < limit; i--) {
            if (RunFilters.matches(filter, all.get(i))) {
              page.add(all.get(i));
            }
          }
          return List.copyOf(page);
        });
  }

  private static int indexOf(List<Run> all, String runId) {
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).runId().equals(runId)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Uni<Long> count(RunFilter filter) {
    return guard.call(
        () -> runs.values().stream().filter(r -> RunFilters.matches(filter, r)).count());
  }

  @Override
  public Uni<List<Run>> queued(int limit) {
    return guard.call(
        () -> {
          Failures.requireLimit(limit);
          return runs.values().stream()
              .filter(r -> r.status() == RunStatus.QUEUED)
              .limit(limit)
              .toList();
        });
  }

  @Override
  public Uni<Run> transition(String runId, RunStatus expected, RunStatus next, Instant at) {
    return guard.call(
        () -> {
          RunStateMachine.transition(expected, next);
          Run stored = require(runId);
          if (stored.status() != expected) {
            throw Failures.runConflict(runId, expected, stored.status(), next);
          }
          Run changed = stored.withStatus(next, at);
          runs.put(runId, changed);
          return changed;
        });
  }

  @Override
  public Uni<Run> addTags(String runId, Map<String, String> tags) {
    return guard.call(
        () -> {
          Run stored = require(runId);
          Map<String, String> merged = new LinkedHashMap<>(stored.tags());
          merged.putAll(tags);
          Run changed = stored.toBuilder().tags(merged).build();
          runs.put(runId, changed);
          return changed;
        });
  }

  @Override
  public Uni<Boolean> delete(String runId) {
    return guard.call(() -> runs.remove(runId) != null);
  }

  private Run require(String runId) {
    Run stored = runs.get(runId);
    if (stored == null) {
      throw Failures.runNotFound(runId);
    }
    return stored;
  }
}
