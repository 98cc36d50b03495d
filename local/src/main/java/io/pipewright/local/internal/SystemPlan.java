package io.pipewright.local.internal;

import io.pipewright.local.LocalOptions;
import io.pipewright.postgres.local.ConnectionInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands of the local system's four servers, all pointed at one database: the two example
 * code locations, the webserver (whose workspace lists them) and the daemon (which runs their steps
 * as child processes of their own applications, and has their events posted to the webserver's
 * ingest endpoint with tokens signed by the shared secret). Pure: nothing is started here.
 */
public final class SystemPlan {

  /** The code locations: name, module directory, port variable. */
  private static final List<String[]> LOCATIONS =
      List.of(
          new String[] {"etl", "examples/etl", "PIPEWRIGHT_ETL_PORT"},
          new String[] {"assets", "examples/assets", "PIPEWRIGHT_ASSETS_PORT"});

  /**
   * Where every server listens: the loopback interface only. A local system has no authentication
   * (anyone who reaches the GraphQL API can launch runs), so it is not exposed to the network.
   */
  public static final String HOST = "127.0.0.1";

  /**
   * The variable the etl example's {@code warehouse} resource reads its password from (run config
   * {@code {"env": "WAREHOUSE_PASSWORD"}}), and the demo value it gets when the user has not set
   * it.
   */
  public static final String WAREHOUSE_PASSWORD = "WAREHOUSE_PASSWORD";

  private static final String DEMO_WAREHOUSE_PASSWORD = "demo-password";

  /** The daemon's default of {@code local-launcher.inherit-environment}, plus the password. */
  private static final String WORKER_ENVIRONMENT =
      "PATH,HOME,USER,LANG,LC_ALL,TZ,TMPDIR,JAVA_HOME," + WAREHOUSE_PASSWORD;

  private SystemPlan() {}

  /**
   * Returns the application jar of a module of the source tree.
   *
   * @param root the source tree
   * @param module the module's directory, such as {@code webserver}
   * @return its {@code target/quarkus-app/quarkus-run.jar}
   */
  public static Path jar(Path root, String module) {
    return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
  }

  /**
   * Returns the servers in start order: code locations, webserver, daemon (stop in reverse).
   *
   * @param options the options (tree, ports)
   * @param home the home directory in use
   * @param db the database
   * @param tokenSecret the base64 secret of ingest tokens, shared by webserver and daemon
   * @param java the JVM to run them with
   * @param env the launcher's environment (for {@value #WAREHOUSE_PASSWORD})
   * @return the servers
   */
  public static List<Component> components(
      LocalOptions options,
      Path home,
      ConnectionInfo db,
      String tokenSecret,
      Path java,
      Map<String, String> env) {
    String warehousePassword = env.getOrDefault(WAREHOUSE_PASSWORD, DEMO_WAREHOUSE_PASSWORD);
    LocalOptions.Ports ports = options.ports();
    Path root = options.root();
    List<Component> out = new ArrayList<>();
    Map<String, Integer> locationPorts = Map.of("etl", ports.etl(), "assets", ports.assets());
    for (String[] location : LOCATIONS) {
      String name = location[0];
      Path jar = jar(root, location[1]);
      out.add(
          new Component(
              name,
              locationPorts.get(name),
              location[2],
              jar,
              List.of(
                  java.toString(),
                  "-Dquarkus.http.host=" + HOST,
                  "-Dquarkus.http.port=" + locationPorts.get(name),
                  "-jar",
                  jar.toString()),
              "etl".equals(name)
                  ? Map.of(
                      LocalOptions.HOME_ENV, home.toString(), WAREHOUSE_PASSWORD, warehousePassword)
                  : Map.of(LocalOptions.HOME_ENV, home.toString())));
    }

    Path webJar = jar(root, "webserver");
    List<String> web =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-Dquarkus.http.host=" + HOST,
                "-Dquarkus.http.port=" + ports.webserver()));
    web.addAll(datasource(db));
    for (String[] location : LOCATIONS) {
      web.add("-Dpipewright.workspace.locations." + location[0] + ".host=" + HOST);
      web.add(
          "-Dpipewright.workspace.locations."
              + location[0]
              + ".port="
              + locationPorts.get(location[0]));
    }
    // The daemon writes each attempt's stdout and stderr there; the webserver's capturedLogs reads
    // the same directory (its default, ~/.pipewright/logs, is not this system's).
    web.add("-Dpipewright.compute-logs.directory=" + computeLogs(home));
    web.add("-jar");
    web.add(webJar.toString());
    out.add(
        new Component(
            "webserver",
            ports.webserver(),
            "PIPEWRIGHT_WEBSERVER_PORT",
            webJar,
            web,
            secrets(db, tokenSecret)));

    Path daemonJar = jar(root, "daemon");
    List<String> daemon =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-Dquarkus.http.host=" + HOST,
                "-Dquarkus.http.port=" + ports.daemon()));
    daemon.addAll(datasource(db));
    String prefix = "-Dpipewright.daemon.";
    for (String[] location : LOCATIONS) {
      String name = location[0];
      // Each attempt is a JVM that runs one step and exits: C1 only and the class data archive
      // start it faster, which is most of a short step's time.
      daemon.add(
          prefix
              + "locations."
              + name
              + ".worker-command="
              + java
              + " -XX:TieredStopAtLevel=1 -Xshare:auto -jar "
              + jar(root, location[1]));
      // Workers inherit only a few variables (not the daemon's credentials): the home is passed on
      // explicitly, so that their outputs land where the code location's own server looks.
      daemon.add(
          prefix + "locations." + name + ".environment." + LocalOptions.HOME_ENV + "=" + home);
    }
    daemon.add(prefix + "local-launcher.state-directory=" + home.resolve("daemon/attempts"));
    // The password reaches the etl workers from the daemon's environment, not its command line.
    daemon.add(prefix + "local-launcher.inherit-environment=" + WORKER_ENVIRONMENT);
    daemon.add(prefix + "local-launcher.terminate-on-shutdown=true");
    daemon.add(prefix + "compute-logs.directory=" + computeLogs(home));
    daemon.add(prefix + "ingest.url=http://" + HOST + ":" + ports.webserver());
    daemon.add("-jar");
    daemon.add(daemonJar.toString());
    Map<String, String> daemonEnv = new LinkedHashMap<>(secrets(db, tokenSecret));
    daemonEnv.put(WAREHOUSE_PASSWORD, warehousePassword);
    out.add(
        new Component(
            "daemon", ports.daemon(), "PIPEWRIGHT_DAEMON_PORT", daemonJar, daemon, daemonEnv));
    return out;
  }

  private static Path computeLogs(Path home) {
    return home.resolve("compute-logs");
  }

  private static List<String> datasource(ConnectionInfo db) {
    return List.of(
        "-Dquarkus.datasource.reactive.url=" + db.reactiveUrl(),
        "-Dquarkus.datasource.jdbc.url=" + db.jdbcUrl(),
        "-Dquarkus.datasource.username=" + db.user());
  }

  private static Map<String, String> secrets(ConnectionInfo db, String tokenSecret) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PIPEWRIGHT_INGEST_TOKEN_SECRET", tokenSecret);
    if (!db.password().isEmpty()) {
      env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
    }
    return env;
  }
}
