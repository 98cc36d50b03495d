package io.pipewright.storage.memory;

import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunFilter;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** {@link RunFilter} as a predicate, for the in-memory adapter. */
final class RunFilters {

  private RunFilters() {}

  static boolean matches(RunFilter f, Run r) {
    if (!f.runIds().isEmpty() && !f.runIds().contains(r.runId())) {
      return false;
    }
    if (f.jobName() != null && !f.jobName().equals(r.jobName())) {
      return false;
    }
    if (f.codeLocation() != null && !f.codeLocation().equals(r.codeLocation())) {
      return false;
    }
    if (!f.statuses().isEmpty() && !f.statuses().contains(r.status())) {
      return false;
    }
    for (Map.Entry<String, String> tag : f.tags().entrySet()) {
      if (!tag.getValue().equals(r.tags().get(tag.getKey()))) {
        return false;
      }
    }
    if (f.backfillId() != null && !Objects.equals(f.backfillId(), r.backfillId())) {
      return false;
    }
    return after(r.createTime(), f.createdAfter())
        && before(r.createTime(), f.createdBefore())
        && after(r.updateTime(), f.updatedAfter())
        && before(r.updateTime(), f.updatedBefore());
  }

  private static boolean after(Instant value, Instant bound) {
    return bound == null || value.isAfter(bound);
  }

  private static boolean before(Instant value, Instant bound) {
    return bound == null || value.isBefore(bound);
  }
}
