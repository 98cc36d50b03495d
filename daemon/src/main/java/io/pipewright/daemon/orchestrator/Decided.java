package io.pipewright.daemon.orchestrator;

import io.pipewright.core.orchestration.RunDecision;

/**
 * A run's decision on its way to being carried out, or a piece of a big one ({@link CommitParts}).
 *
 * @param state the run
 * @param decision the decision, or the piece: its events, the launches they record; the first piece
 *     has the run's status move and terminations, the last its slot requests and wake-up time
 * @param last whether this is the decision's last piece (then the run may be decided again once it
 *     is carried out)
 */
record Decided(RunState state, RunDecision decision, boolean last) {}
