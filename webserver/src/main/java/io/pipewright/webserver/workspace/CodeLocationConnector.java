package io.pipewright.webserver.workspace;

import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.protocol.client.GrpcCodeLocationClient;
import io.pipewright.protocol.client.GrpcCodeLocationClientOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Opens clients to code locations: gRPC, with the workspace's deadlines. */
@ApplicationScoped
public class CodeLocationConnector {

  private final GrpcCodeLocationClientOptions options;

  /**
   * Creates the connector.
   *
   * @param config the workspace's deadlines
   */
  @Inject
  public CodeLocationConnector(WorkspaceConfig config) {
    this.options =
        GrpcCodeLocationClientOptions.builder()
            .controlDeadline(config.controlDeadline())
            .snapshotDeadline(config.snapshotDeadline())
            .userCodeDeadline(config.userCodeDeadline())
            .build();
  }

  /**
   * Opens a client; the connection is made on the first call.
   *
   * @param address the location
   * @return its client
   */
  public CodeLocationClient connect(LocationAddress address) {
    return GrpcCodeLocationClient.connect(address.name(), address.host(), address.port(), options);
  }
}
