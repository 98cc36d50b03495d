package io.pipewright.storage.memory;

import io.pipewright.core.backfill.Backfill;
import io.pipewright.core.backfill.BackfillAlreadyExistsException;
import io.pipewright.core.backfill.BackfillNotFoundException;
import io.pipewright.core.backfill.BackfillStatus;
import io.pipewright.core.backfill.BackfillStore;
import io.pipewright.storage.internal.Failures;
import io.pipewright.storage.internal.Updates;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** A {@link BackfillStore} in memory: backfills in creation order. */
public final class InMemoryBackfillStore implements BackfillStore {

  private final Guard guard = new Guard();
  private final LinkedHashMap<String, Backfill> backfills = new LinkedHashMap<>();

  /** Creates an empty store. */
  public InMemoryBackfillStore() {}

  @Override
  public Uni<Backfill> add(Backfill backfill) {
    return guard.call(
        () -> {
          if (backfills.containsKey(backfill.backfillId())) {
            throw new BackfillAlreadyExistsException(backfill.backfillId());
          }
          backfills.put(backfill.backfillId(), backfill);
          return backfill;
        });
  }

  @Override
  public Uni<Optional<Backfill>> find(String backfillId) {
    return guard.call(() -> Optional.ofNullable(backfills.get(backfillId)));
  }

  @Override
  public Uni<List<Backfill>> list(Set<BackfillStatus> statuses, String afterBackfillId, int limit) {
    return guard.call(
        () -> {
          Failures.requireLimit(limit);
          List<Backfill> all = new ArrayList<>(backfills.values());
          int start = all.size() - 1;
          if (afterBackfillId != null) {
            if (!backfills.containsKey(afterBackfillId)) {
              throw new BackfillNotFoundException(afterBackfillId);
            }
            while (!all.get(start).backfillId().equals(afterBackfillId)) {
              start--;
            }
            start--;
          }
          List<Backfill> page = new ArrayList<>();
          for (int i = start; i >= 0 && page.size() < limit; i--) {
            Backfill b = all.get(i);
            if (statuses.isEmpty() || statuses.contains(b.status())) {
              page.add(b);
            }
          }
          return List.copyOf(page);
        });
  }

  @Override
  public Uni<Backfill> update(String backfillId, UnaryOperator<Backfill> change) {
    return guard.call(
        () -> {
          Backfill stored = backfills.get(backfillId);
          if (stored == null) {
            throw new BackfillNotFoundException(backfillId);
          }
          Backfill next = change.apply(stored);
          Updates.checkBackfill(stored, next);
          backfills.put(backfillId, next);
          return next;
        });
  }
}
