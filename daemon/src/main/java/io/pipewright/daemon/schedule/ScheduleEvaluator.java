package io.pipewright.daemon.schedule;

import io.pipewright.core.codelocation.CodeLocationCallException;
import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.codelocation.CodeLocationUnavailableException;
import io.pipewright.core.codelocation.ScheduleEvaluationRequest;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.instigation.Tick;
import io.pipewright.core.schedule.RunIds;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.RunRequestSnapshot;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Phase 1 of one started tick: the schedule's function evaluated by its code location (the lag
 * metric ends here), the outcome finished as failed or skipped, or its runs' ids fixed and
 * reserved; a tick reserved already gets its stored requests back instead.
 */
final class ScheduleEvaluator {

  private static final Logger LOG = Logger.getLogger(Scheduler.class);

  /** A reserved tick waiting for its runs (a null tick: finished after a reserved one). */
  record Reserved(Tick tick, List<RunRequestSnapshot> requests, Instant scheduledTime) {}

  private final CodeLocations locations;
  private final TickRunner runner;
  private final SchedulerSettings settings;
  private final Clock clock;
  private final InstigationMetrics metrics;

  ScheduleEvaluator(
      CodeLocations locations,
      TickRunner runner,
      SchedulerSettings settings,
      Clock clock,
      InstigationMetrics metrics) {
    this.locations = locations;
    this.runner = runner;
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Evaluates a started tick (unless its runs are reserved) and reserves its runs. */
  Object evaluateAndReserve(RunningSchedule running, Tick tick, TickSink sink) {
    ScheduleSnapshot schedule = running.schedule();
    Instant scheduledTime = tick.scheduledTime();
    Optional<CodeLocationClient> client = locations.client(running.location());
    if (client.isEmpty()) {
      return TickRunner.Progress.RETRY_LATER;
    }
    boolean withinGrace = clock.instant().isBefore(scheduledTime.plus(settings.unavailableGrace()));
    List<RunRequestSnapshot> requests;
    if (tick.reservedRunIds().isEmpty()) {
      Instant start = clock.instant();
      metrics.lag(InstigatorType.SCHEDULE, Duration.between(scheduledTime, start));
      InstigatorEvaluation evaluation;
      try {
        evaluation =
            client
                .get()
                .evaluateSchedule(new ScheduleEvaluationRequest(schedule.name(), scheduledTime));
      } catch (CodeLocationUnavailableException e) {
        if (withinGrace) {
          LOG.debugf("Schedule %s waits for its code location: %s", running.selector(), e);
          return TickRunner.Progress.RETRY_LATER;
        }
        sink.finish(tick.failure(TickRunner.unavailable(running.location(), e), clock.instant()));
        return TickRunner.Progress.FINISHED;
      } catch (CodeLocationCallException e) {
        sink.finish(
            tick.failure(
                ErrorSnapshot.of(e.getClass().getName(), String.valueOf(e.getMessage())),
                clock.instant()));
        return TickRunner.Progress.FINISHED;
      }
      if (evaluation.isFailure()) {
        sink.finish(tick.failure(evaluation.error(), clock.instant()));
        return TickRunner.Progress.FINISHED;
      }
      if (evaluation.runRequests().isEmpty()) {
        String reason = evaluation.skipReason();
        sink.finish(
            tick.skipped(
                reason == null || reason.isBlank()
                    ? "The schedule's function requested no runs"
                    : reason,
                clock.instant()));
        return TickRunner.Progress.FINISHED;
      }
      requests = evaluation.runRequests();
      List<String> runIds = new ArrayList<>(requests.size());
      List<String> runKeys = new ArrayList<>();
      for (int i = 0; i < requests.size(); i++) {
        RunRequestSnapshot request = requests.get(i);
        runIds.add(RunIds.forScheduleTick(running.selector(), scheduledTime, i, request.runKey()));
        if (request.runKey() != null) {
          runKeys.add(request.runKey());
        }
      }
      tick = sink.reserve(tick, requests, runIds, runKeys);
    } else {
      Optional<List<RunRequestSnapshot>> stored = runner.reservedRequests(tick);
      if (stored.isEmpty()) {
        sink.finish(
            tick.failure(
                ErrorSnapshot.of(
                    RunSubmitter.REJECTED,
                    "The run requests of this tick were lost before its runs were created"),
                clock.instant()));
        return TickRunner.Progress.FINISHED;
      }
      requests = stored.get();
    }
    return new Reserved(tick, requests, scheduledTime);
  }
}
