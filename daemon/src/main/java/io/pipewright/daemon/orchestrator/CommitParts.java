package io.pipewright.daemon.orchestrator;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.orchestration.RunDecision;
import io.pipewright.core.orchestration.StepLaunch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a cycle's decisions into parts appended one after another, so that a big fan-out's
 * launches do not all wait for one huge append and then for all of them to be built: the launches
 * of the first part are made while the next part is appended. A decision of more than {@link
 * #CHUNK} events is cut into pieces of that many; piece {@code j} of every decision goes to part
 * {@code j}, so a cycle of small decisions is still one append. Each launch goes with the piece
 * holding its {@code STEP_WORKER_STARTING}, and is made once that piece is stored (the parts are
 * stored in order, so the events before it are too). Every run's status move goes with the first
 * part, as before: once per run, after its first events are stored, before any of its launches.
 */
final class CommitParts {

  /**
   * Events per piece of a big decision. Not smaller: on a 2-core machine shared with PostgreSQL and
   * the pods' creation, parts of 200 made a 1,000-step fan-out's overhead worse (p99 128–437 ms
   * against 78–168 ms in one part), because the first part's creations took the CPU the later
   * parts' appends needed and the parts are stored one after another. Parts still bound a huge
   * fan-out's statements.
   */
  static final int CHUNK = 1_000;

  /** A part: the pieces it carries out once stored, and what to store. */
  record Planned(List<Decided> pieces, BatchIo.Part part) {}

  private CommitParts() {}

  /**
   * Splits decisions into parts.
   *
   * @param decided the decisions, each with events to store
   * @param chunk events per piece of a big decision
   * @return the parts, to be stored in order
   */
  static List<Planned> plan(List<Decided> decided, int chunk) {
    List<List<Decided>> parts = new ArrayList<>();
    for (Decided d : decided) {
      List<Decided> pieces = split(d, chunk);
      for (int j = 0; j < pieces.size(); j++) {
        if (parts.size() <= j) {
          parts.add(new ArrayList<>());
        }
        parts.get(j).add(pieces.get(j));
      }
    }
    List<Planned> planned = new ArrayList<>(parts.size());
    for (List<Decided> pieces : parts) {
      List<EventRecord> events = new ArrayList<>();
      List<BatchIo.Order> orders = new ArrayList<>();
      for (Decided piece : pieces) {
        events.addAll(piece.decision().events());
        if (piece.decision().runStatus() != null) {
          orders.add(
              new BatchIo.Order(
                  piece.state().runId(), piece.state().run.status(), piece.decision().runStatus()));
        }
      }
      planned.add(new Planned(pieces, new BatchIo.Part(events, orders)));
    }
    return planned;
  }

  /** Cuts a decision into pieces of at most {@code chunk} events; a small one stays whole. */
  static List<Decided> split(Decided d, int chunk) {
    RunDecision decision = d.decision();
    List<EventRecord> events = decision.events();
    if (events.size() <= chunk) {
      return List.of(d);
    }
    int count = (events.size() + chunk - 1) / chunk;
    Map<String, Integer> starting = new HashMap<>();
    for (int i = 0; i < events.size(); i++) {
      EventRecord event = events.get(i);
      if (event.type() == DagsterEventType.STEP_WORKER_STARTING && event.stepKey() != null) {
        starting.put(event.stepKey(), i);
      }
    }
    List<List<StepLaunch>> launches = new ArrayList<>(count);
    for (int j = 0; j < count; j++) {
      launches.add(new ArrayList<>());
    }
    for (StepLaunch launch : decision.launches()) {
      Integer at = starting.get(launch.attempt().stepKey());
      // Without its event in the decision (not expected): after every event is stored.
      launches.get(at == null ? count - 1 : at / chunk).add(launch);
    }
    List<Decided> pieces = new ArrayList<>(count);
    for (int j = 0; j < count; j++) {
      boolean first = j == 0;
      boolean last = j == count - 1;
      pieces.add(
          new Decided(
              d.state(),
              new RunDecision(
                  first ? decision.runStatus() : null,
                  events.subList(j * chunk, Math.min(events.size(), (j + 1) * chunk)),
                  launches.get(j),
                  first ? decision.terminations() : List.of(),
                  last ? decision.slotRequests() : List.of(),
                  last ? decision.wakeUpAt() : null,
                  List.of()),
              last));
    }
    return pieces;
  }
}
