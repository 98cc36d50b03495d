package io.pipewright.codelocation.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.launch.StepExecutionArgs;
import io.pipewright.protocol.mapping.EventJsonLines;
import io.pipewright.protocol.mapping.StepArgsCodec;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The application's entry point started as {@code execute-step}: the whole Quarkus application
 * (definitions from the CDI producer, the location's configured name), in step mode. The HTTP port
 * it is configured with is held by this test, so a worker that tried to bind it would fail to
 * start.
 */
@QuarkusMainTest
@TestProfile(CodeLocationMainTest.OccupiedPort.class)
class CodeLocationMainTest {

  static final ServerSocket OCCUPIED = occupy();

  private static ServerSocket occupy() {
    try {
      return new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Configures the port this test holds. */
  public static class OccupiedPort implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.http.test-port", Integer.toString(OCCUPIED.getLocalPort()));
    }
  }

  @AfterAll
  static void release() throws IOException {
    OCCUPIED.close();
  }

  private static String args(String job, String step, String location) {
    return StepArgsCodec.encode(
        StepExecutionArgs.builder("run-1", job, step).codeLocationName(location).build());
  }

  @Test
  void shouldRunTheStepWithoutBindingThePortWhenStartedAsExecuteStep(QuarkusMainLauncher launcher) {
    LaunchResult result =
        launcher.launch("execute-step", "--args", args("hello", "say_hello", "test-location"));

    assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
    List<EventRecord> events =
        result.getOutputStream().stream()
            .filter(line -> line.startsWith("{"))
            .map(EventJsonLines::decode)
            .toList();
    assertThat(events)
        .extracting(EventRecord::type)
        .startsWith(DagsterEventType.STEP_WORKER_STARTED, DagsterEventType.STEP_START)
        .endsWith(DagsterEventType.STEP_SUCCESS);
    assertThat(result.getErrorOutput()).contains("step 'say_hello' of run run-1", "succeeded");
  }

  @Test
  void shouldRefuseAStepOfAnotherCodeLocation(QuarkusMainLauncher launcher) {
    LaunchResult result =
        launcher.launch("execute-step", "--args", args("hello", "say_hello", "sales"));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.getErrorOutput())
        .contains(
            "this is code location 'test-location', but the step belongs to code location"
                + " 'sales'");
  }
}
