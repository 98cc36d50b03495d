package io.pipewright.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.local.LocalOptions;
import io.pipewright.postgres.local.ConnectionInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemPlanTest {

  private static final Path HOME = Path.of("/tmp/pw-home");
  private static final Path JAVA = Path.of("/jdk/bin/java");
  private static final ConnectionInfo DB =
      new ConnectionInfo("127.0.0.1", 5544, "pipewright", "postgres", "s3cret");

  private static List<Component> plan() {
    LocalOptions options =
        LocalOptions.parse(List.of(), Map.of(), Path.of("/src/pw"), Path.of("/home/ada"));
    return SystemPlan.components(options, HOME, DB, "c2VjcmV0", JAVA, Map.of());
  }

  private static Component named(String name) {
    return plan().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void shouldStartTheLocationsBeforeTheWebserverAndTheDaemonWhenPlanned() {
    assertThat(plan())
        .extracting(Component::name, Component::port)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("etl", 4001),
            org.assertj.core.groups.Tuple.tuple("assets", 4002),
            org.assertj.core.groups.Tuple.tuple("webserver", 3000),
            org.assertj.core.groups.Tuple.tuple("daemon", 3070));
    assertThat(named("etl").jar())
        .isEqualTo(Path.of("/src/pw/examples/etl/target/quarkus-app/quarkus-run.jar"));
  }

  @Test
  void shouldPointTheWebserverAndTheDaemonAtTheSameDatabaseWhenPlanned() {
    for (String name : List.of("webserver", "daemon")) {
      assertThat(named(name).command())
          .contains(
              "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5544/pipewright",
              "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5544/pipewright",
              "-Dquarkus.datasource.username=postgres");
      assertThat(named(name).environment())
          .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "s3cret")
          .containsEntry("PIPEWRIGHT_INGEST_TOKEN_SECRET", "c2VjcmV0");
    }
  }

  @Test
  void shouldShowTheWebserverTheDirectoryTheDaemonWritesComputeLogsToWhenPlanned() {
    assertThat(named("daemon").command())
        .contains("-Dpipewright.daemon.compute-logs.directory=/tmp/pw-home/compute-logs");
    assertThat(named("webserver").command())
        .contains("-Dpipewright.compute-logs.directory=/tmp/pw-home/compute-logs");
  }

  @Test
  void shouldKeepSecretsOffEveryCommandLineWhenPlanned() {
    assertThat(plan())
        .flatExtracting(Component::command)
        .noneMatch(arg -> arg.contains("s3cret") || arg.contains("c2VjcmV0"));
    assertThat(named("assets").environment()).containsOnlyKeys("PIPEWRIGHT_HOME");
  }

  @Test
  void shouldHandTheWarehousePasswordToTheEtlWorkersThroughTheEnvironmentWhenPlanned() {
    LocalOptions options =
        LocalOptions.parse(List.of(), Map.of(), Path.of("/src/pw"), Path.of("/home/ada"));
    List<Component> set =
        SystemPlan.components(
            options, HOME, DB, "c2VjcmV0", JAVA, Map.of("WAREHOUSE_PASSWORD", "hunter2"));

    assertThat(named("daemon").environment()).containsEntry("WAREHOUSE_PASSWORD", "demo-password");
    assertThat(named("etl").environment()).containsEntry("WAREHOUSE_PASSWORD", "demo-password");
    assertThat(set.get(3).environment()).containsEntry("WAREHOUSE_PASSWORD", "hunter2");
    assertThat(named("daemon").command())
        .contains(
            "-Dpipewright.daemon.local-launcher.inherit-environment="
                + "PATH,HOME,USER,LANG,LC_ALL,TZ,TMPDIR,JAVA_HOME,WAREHOUSE_PASSWORD");
    assertThat(set).flatExtracting(Component::command).noneMatch(a -> a.contains("hunter2"));
  }

  @Test
  void shouldListBothLocationsInTheWorkspaceAndTheDaemonWhenPlanned() {
    assertThat(named("webserver").command())
        .contains(
            "-Dquarkus.http.host=127.0.0.1",
            "-Dpipewright.workspace.locations.etl.host=127.0.0.1",
            "-Dpipewright.workspace.locations.etl.port=4001",
            "-Dpipewright.workspace.locations.assets.port=4002");
    assertThat(named("daemon").command())
        .contains(
            "-Dpipewright.daemon.locations.etl.worker-command=/jdk/bin/java"
                + " -XX:TieredStopAtLevel=1 -Xshare:auto -jar"
                + " /src/pw/examples/etl/target/quarkus-app/quarkus-run.jar",
            "-Dpipewright.daemon.locations.assets.environment.PIPEWRIGHT_HOME=/tmp/pw-home",
            "-Dpipewright.daemon.local-launcher.terminate-on-shutdown=true",
            "-Dpipewright.daemon.ingest.url=http://127.0.0.1:3000");
  }
}
