package io.pipewright.webserver.graphql.fields;

import io.pipewright.webserver.graphql.RootFieldRegistry;
import io.pipewright.webserver.graphql.RootFields;
import io.pipewright.webserver.graphql.view.RunLogStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mutiny.zero.flow.adapters.AdaptersToReactiveStreams;

/** The subscriptions: {@code pipelineRunLogs}, a run's events as they are stored. */
@ApplicationScoped
public class SubscriptionFields implements RootFields {

  private final RunLogStream runLogs;

  /**
   * Creates the fields.
   *
   * @param runLogs opens the streams of run events
   */
  @Inject
  public SubscriptionFields(RunLogStream runLogs) {
    this.runLogs = runLogs;
  }

  @Override
  public void register(RootFieldRegistry registry) {
    registry.subscription(
        "pipelineRunLogs",
        env ->
            AdaptersToReactiveStreams.publisher(
                runLogs.open(env.getArgument("runId"), env.getArgument("cursor"))));
  }
}
