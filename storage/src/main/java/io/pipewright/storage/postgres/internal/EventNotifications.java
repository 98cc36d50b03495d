package io.pipewright.storage.postgres.internal;

import io.pipewright.core.event.RunEventsAppended;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Listens to the event log's notifications ({@code LISTEN pipewright_events}) on one dedicated
 * connection, which reconnects by itself, and fans them out to every subscriber of {@code
 * EventLog.appended()}.
 *
 * <p>The payload of a notification is {@code <lastEventId>:<runId>}. The connection is opened at
 * start-up, and start-up waits until it listens, so that a subscriber never misses a notification
 * for an append made after the application started. Notifications sent while the connection is down
 * are lost: they are hints, and listeners re-read after their own cursor.
 */
@ApplicationScoped
public class EventNotifications {

  /** The channel the event log notifies on. */
  public static final String CHANNEL = "pipewright_events";

  /** How far a subscriber may fall behind before its stream fails (it then re-subscribes). */
  private static final int BUFFER = 65_536;

  private static final Logger LOG = Logger.getLogger(EventNotifications.class);

  private final BroadcastProcessor<RunEventsAppended> processor = BroadcastProcessor.create();
  private final Vertx vertx;
  private final String url;
  private final Optional<String> user;
  private final Optional<String> password;
  private volatile PgSubscriber subscriber;

  EventNotifications(
      Vertx vertx,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
    this.vertx = vertx;
    this.url = url;
    this.user = user;
    this.password = password;
  }

  void start(@Observes StartupEvent event) {
    PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
    user.ifPresent(options::setUser);
    password.ifPresent(options::setPassword);
    CountDownLatch listening = new CountDownLatch(1);
    PgSubscriber s = PgSubscriber.subscriber(vertx, options);
    s.reconnectPolicy(retries -> 500L);
    s.closeHandler(() -> LOG.debug("The event notification connection closed; reconnecting"));
    s.channel(CHANNEL).subscribeHandler(listening::countDown).handler(this::onNotification);
    subscriber = s;
    s.connect()
        .subscribe()
        .with(
            ok -> {},
            failure ->
                LOG.warnf(
                    "Could not listen to event notifications yet (%s); retrying",
                    failure.getMessage()));
    try {
      if (!listening.await(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "Event notifications are not listened to after 30 s; subscribers will miss appends"
                + " until the connection comes up");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void stop(@Observes ShutdownEvent event) {
    PgSubscriber s = subscriber;
    if (s != null) {
      s.closeAndForget();
    }
    processor.onComplete();
  }

  private void onNotification(String payload) {
    int colon = payload.indexOf(':');
    try {
      long id = Long.parseLong(payload.substring(0, colon));
      processor.onNext(new RunEventsAppended(payload.substring(colon + 1), id));
    } catch (RuntimeException e) {
      LOG.warnf("Ignoring a malformed event notification '%s': %s", payload, e.getMessage());
    }
  }

  /**
   * Returns the notifications from the moment of subscription.
   *
   * @return the hot stream
   */
  public Multi<RunEventsAppended> stream() {
    return processor.onOverflow().buffer(BUFFER);
  }

  /**
   * Builds a notification payload.
   *
   * @param runId the run
   * @param lastEventId its newest event's id
   * @return the payload
   */
  public static String payload(String runId, long lastEventId) {
    return lastEventId + ":" + runId;
  }
}
