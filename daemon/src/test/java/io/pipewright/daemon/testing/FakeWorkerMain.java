package io.pipewright.daemon.testing;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventPayload;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepFailurePayload;
import io.pipewright.core.event.StepOutputPayload;
import io.pipewright.core.event.StepSuccessPayload;
import io.pipewright.core.event.TypeCheckSnapshot;
import io.pipewright.core.launch.StepExecutionArgs;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.protocol.mapping.EventJsonLines;
import io.pipewright.protocol.mapping.StepArgsCodec;
import java.time.Instant;
import java.util.List;

/**
 * A stand-in step worker for tests with real child processes: {@code execute-step --args <text>} as
 * the real worker takes it, writing its events as JSON lines on standard output as the real worker
 * does without an ingest URL. By step key: {@code fail*} reports a failure and exits 1, {@code
 * crash*} exits 5 with a line on standard error and no final event, {@code slow*} sleeps a minute
 * first, anything else succeeds.
 */
public final class FakeWorkerMain {

  private FakeWorkerMain() {}

  /**
   * Runs one step.
   *
   * @param argv {@code execute-step --args <text>}
   * @throws InterruptedException when interrupted while sleeping
   */
  public static void main(String[] argv) throws InterruptedException {
    if (argv.length != 3 || !argv[0].equals("execute-step") || !argv[1].equals("--args")) {
      System.err.println("usage: execute-step --args <text>");
      System.exit(2);
    }
    StepExecutionArgs args = StepArgsCodec.decode(argv[2]);
    String step = args.stepKey();
    System.err.println("fake worker: running " + step + " attempt " + args.attempt());
    emit(args, 0, DagsterEventType.STEP_START, null);
    if (step.startsWith("slow")) {
      Thread.sleep(60_000);
    }
    if (step.startsWith("crash")) {
      System.err.println("java.lang.OutOfMemoryError: Java heap space");
      System.exit(5);
    }
    if (step.startsWith("fail")) {
      emit(
          args,
          1,
          DagsterEventType.STEP_FAILURE,
          new StepFailurePayload(
              ErrorSnapshot.of("java.lang.IllegalStateException", "the op failed on purpose"),
              StepFailurePayload.ErrorSource.USER_CODE_ERROR,
              List.of()));
      System.exit(1);
    }
    emit(
        args,
        1,
        DagsterEventType.STEP_OUTPUT,
        new StepOutputPayload(
            "result", null, new TypeCheckSnapshot(true, null, List.of()), List.of()));
    emit(args, 2, DagsterEventType.STEP_SUCCESS, new StepSuccessPayload(1));
    System.exit(0);
  }

  private static void emit(
      StepExecutionArgs args, long sequence, DagsterEventType type, EventPayload payload) {
    System.out.println(
        EventJsonLines.encode(
            new EventRecord(
                args.runId(),
                args.stepKey(),
                args.attempt(),
                sequence,
                Instant.now(),
                type,
                type == DagsterEventType.STEP_FAILURE ? EventLevel.ERROR : EventLevel.INFO,
                type.name(),
                payload)));
    System.out.flush();
  }
}
