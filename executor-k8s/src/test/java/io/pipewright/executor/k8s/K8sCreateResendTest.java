package io.pipewright.executor.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.executor.k8s.internal.ApiStats;
import io.pipewright.executor.k8s.internal.ApiStats.CreateOutcome;
import io.pipewright.executor.k8s.internal.ApiStats.Verb;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A create that fails in transit is sent again by the launcher, not by the HTTP client: through the
 * rate limiter and the counters, and only while the informer has not shown the pod. (A blind
 * re-send, fabric8's default after a 5xx, a 429 or a connection failure, may come after the pod the
 * first request created ran and was deleted, and create it a second time.) An API server whose next
 * pod creation is answered 503, after being carried out or not; no kubelet.
 */
class K8sCreateResendTest {

  private static final String NS = "resend";
  private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
  }

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Failing dispatcher = new Failing();
  private KubernetesMockServer server;
  private KubernetesClient client;
  private K8sStepLauncher launcher;

  @BeforeEach
  void start() throws Exception {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    dispatcher.delegate = new KubernetesMixedDispatcher(expectations);
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), expectations, dispatcher, false);
    server.init();
    client = server.createClient();
    launcher =
        K8sStepLauncher.builder(
                client,
                K8sExecutorSettings.builder()
                    .namespace(NS)
                    .instance("resend")
                    .rateLimit(500, 100)
                    .build())
            .runs(runId -> Optional.of(RunLookup.RunInfo.active("etl", Map.of())))
            .meterRegistry(registry)
            .start();
  }

  @AfterEach
  void stop() {
    launcher.close();
    client.close();
    server.destroy();
  }

  private LaunchResult launch(AttemptId id) {
    return launcher
        .launch(
            LaunchRequest.builder(id, "etl")
                .image("registry.example.com/etl:1")
                .command(List.of("true"))
                .build())
        .toCompletableFuture()
        .join();
  }

  private int pods() {
    return client.pods().inNamespace(NS).list().getItems().size();
  }

  @Test
  void shouldNotSendACreateAgainWhenItsAnswerWasLostAndTheInformerShowsThePod() {
    dispatcher.nextCreate = Failing.Mode.CARRY_OUT_THEN_503;
    AttemptId id = new AttemptId(UUID.randomUUID().toString(), "extract", 1);

    LaunchResult result = launch(id);

    assertThat(result.isLaunched()).isTrue();
    ApiStats stats = launcher.engine().apiStats();
    assertThat(stats.of(Verb.CREATE).calls())
        .as("every create request the API server received was the launcher's, and counted")
        .isEqualTo(dispatcher.creates.get());
    assertThat(stats.of(Verb.CREATE).errors()).isEqualTo(1);
    // Normally the informer shows the pod within the first backoff (100 ms) and the create is not
    // sent again; on a starved machine it may be sent again, answered AlreadyExists and read.
    assertThat(stats.creates(CreateOutcome.CREATED_UNANSWERED))
        .isEqualTo(dispatcher.creates.get() == 1 ? 1 : 0);
    assertThat(stats.creates(CreateOutcome.CREATED)).isZero();
    assertThat(pods()).isEqualTo(1);
  }

  @Test
  void shouldSendACreateAgainThroughTheCountersWhenItFailedWithoutCreatingThePod() {
    dispatcher.nextCreate = Failing.Mode.ONLY_503;
    AttemptId id = new AttemptId(UUID.randomUUID().toString(), "extract", 1);

    LaunchResult result = launch(id);

    assertThat(result).isEqualTo(LaunchResult.launched());
    assertThat(dispatcher.creates.get()).isEqualTo(2);
    ApiStats stats = launcher.engine().apiStats();
    assertThat(stats.of(Verb.CREATE).calls())
        .as("every request counted: the client itself sent none again")
        .isEqualTo(2);
    assertThat(stats.of(Verb.CREATE).errors()).isEqualTo(1);
    assertThat(stats.creates(CreateOutcome.CREATED)).isEqualTo(1);
    assertThat(pods()).isEqualTo(1);
  }

  /** The CRUD server, but the next pod creation is answered 503, carried out or not. */
  private static final class Failing extends Dispatcher {
    enum Mode {
      NONE,
      CARRY_OUT_THEN_503,
      ONLY_503
    }

    volatile Dispatcher delegate;
    volatile Mode nextCreate = Mode.NONE;
    final AtomicInteger creates = new AtomicInteger();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      boolean create =
          "POST".equalsIgnoreCase(request.getMethod())
              && request.getPath().startsWith("/api/v1/namespaces/" + NS + "/pods");
      if (!create) {
        return delegate.dispatch(request);
      }
      creates.incrementAndGet();
      Mode mode = nextCreate;
      nextCreate = Mode.NONE;
      if (mode == Mode.NONE) {
        return delegate.dispatch(request);
      }
      if (mode == Mode.CARRY_OUT_THEN_503) {
        delegate.dispatch(request);
      }
      return new MockResponse()
          .setResponseCode(503)
          .setBody(
              "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":503}");
    }

    @Override
    public void shutdown() {
      delegate.shutdown();
    }
  }
}
