package io.pipewright.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.pipewright.local.internal.SystemPlan;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/pipewright-local} as a user runs it, over the built tree: it starts, the example job
 * {@code orders_etl} launched through GraphQL runs to SUCCESS (planned by the etl code location,
 * queued by the webserver, run by the daemon with one worker process per step, whose events come
 * back through the webserver's ingest endpoint), and SIGINT stops everything: no process of it is
 * left, every port is free again, and the throwaway home is gone.
 */
class PipewrightLocalCommandTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Duration UP_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(180);

  private static final String LAUNCH =
      "{\"query\": \"mutation { launchRun(executionParams: {selector: {repositoryLocationName:"
          + " \\\"etl\\\", repositoryName: \\\"__repository__\\\", jobName: \\\"orders_etl\\\"}})"
          + " { __typename ... on LaunchRunSuccess { run { runId } } ... on PythonError { message"
          + " } } }\"}";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldRunOrdersEtlToSuccessAndLeaveNothingBehindWhenInterrupted() throws Exception {
    for (String module : List.of("webserver", "daemon", "examples/etl", "examples/assets")) {
      assumeThat(SystemPlan.jar(ROOT, module))
          .as(
              "the packaged application of %s (the reactor packages it before this module; run"
                  + " ./mvnw -pl local -am verify)",
              module)
          .isRegularFile();
    }
    List<Integer> ports = List.of(freePort(), freePort(), freePort(), freePort());
    Path target = Path.of("target").toAbsolutePath();
    Files.createDirectories(target);
    Path stdout = target.resolve("pipewright-local.out");
    Path stderr = target.resolve("pipewright-local.err");
    ProcessBuilder builder =
        new ProcessBuilder("bash", ROOT.resolve("bin/pipewright-local").toString(), "--no-build")
            .directory(ROOT.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    Map<String, String> env = builder.environment();
    env.remove(LocalOptions.HOME_ENV);
    env.put("PIPEWRIGHT_WEBSERVER_PORT", ports.get(0).toString());
    env.put("PIPEWRIGHT_DAEMON_PORT", ports.get(1).toString());
    env.put("PIPEWRIGHT_ETL_PORT", ports.get(2).toString());
    env.put("PIPEWRIGHT_ASSETS_PORT", ports.get(3).toString());
    long started = System.nanoTime();
    Process local = builder.start();
    try {
      String banner = awaitBanner(local, stdout, stderr);
      String graphql = "http://localhost:" + ports.get(0) + "/graphql";
      assertThat(banner).contains("Pipewright is up: " + graphql);
      Path home = Path.of(find(banner, "home\\s+(\\S+)"));
      List<Integer> allPorts = new ArrayList<>(ports);
      Matcher db = Pattern.compile("database\\s+postgresql://[^:/]+:(\\d+)/").matcher(banner);
      boolean embedded = banner.contains("embedded PostgreSQL");
      if (embedded && db.find()) {
        allPorts.add(Integer.parseInt(db.group(1)));
      }
      double upSeconds = (System.nanoTime() - started) / 1e9;

      String launched = post(graphql, LAUNCH);
      assertThat(launched).as("launchRun's answer").contains("LaunchRunSuccess");
      String runId = find(launched, "\"runId\"\\s*:\\s*\"([^\"]+)\"");
      String status = awaitRunEnd(graphql, runId);
      assertThat(status)
          .as("the run's status; its events: %s", events(graphql, runId))
          .isEqualTo("SUCCESS");
      double runSeconds = (System.nanoTime() - started) / 1e9 - upSeconds;

      // Everything it started, now: servers, their children; PostgreSQL runs detached (pg_ctl
      // puts it in its own session), so it is found by its data directory under the home.
      List<ProcessHandle> descendants = local.descendants().toList();
      assertThat(descendants).as("the four servers at least").hasSizeGreaterThanOrEqualTo(4);
      if (embedded) {
        assertThat(processesMentioning(home)).as("PostgreSQL under %s", home).isNotEmpty();
      }

      String signal = interrupt(local);
      assertThat(local.waitFor(90, TimeUnit.SECONDS))
          .as("the command stops within 90 s of SIG%s; its output: %s", signal, read(stderr))
          .isTrue();
      double stopSeconds = (System.nanoTime() - started) / 1e9 - upSeconds - runSeconds;

      assertThat(local.exitValue()).isEqualTo("INT".equals(signal) ? 130 : 143);
      assertThat(descendants.stream().filter(ProcessHandle::isAlive).map(this::describe))
          .as("processes it started that are still alive")
          .isEmpty();
      assertThat(processesMentioning(home).stream().map(this::describe))
          .as("processes still using its home %s", home)
          .isEmpty();
      for (int port : allPorts) {
        assertThat(isFree(port)).as("port %d is free again", port).isTrue();
      }
      assertThat(home).as("the throwaway home is removed").doesNotExist();
      assertThat(read(stderr)).contains("Stopping Pipewright", "Stopped; removed");
      System.out.printf(
          "up in %.1f s, orders_etl in %.1f s, stopped in %.1f s%n",
          upSeconds, runSeconds, stopSeconds);
    } finally {
      if (local.isAlive()) {
        local.descendants().forEach(ProcessHandle::destroyForcibly);
        local.destroyForcibly();
      }
    }
  }

  private String awaitBanner(Process local, Path stdout, Path stderr) throws Exception {
    long deadline = System.nanoTime() + UP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String out = read(stdout);
      if (out.contains("Ctrl-C stops everything")) {
        return out;
      }
      if (!local.isAlive()) {
        throw new AssertionError(
            "bin/pipewright-local exited with " + local.exitValue() + ": " + read(stderr) + out);
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "bin/pipewright-local was not up within " + UP_TIMEOUT.toSeconds() + " s: " + read(stderr));
  }

  private String awaitRunEnd(String graphql, String runId) throws Exception {
    String query =
        "{\"query\": \"{ runOrError(runId: \\\"" + runId + "\\\") { ... on Run { status } } }\"}";
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    String status = "";
    while (System.nanoTime() < deadline) {
      status = find(post(graphql, query), "\"status\"\\s*:\\s*\"([A-Z_]+)\"");
      if (List.of("SUCCESS", "FAILURE", "CANCELED").contains(status)) {
        return status;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "Run " + runId + " did not end within " + RUN_TIMEOUT.toSeconds() + " s: " + status);
  }

  private String events(String graphql, String runId) {
    try {
      return post(
          graphql,
          "{\"query\": \"{ logsForRun(runId: \\\""
              + runId
              + "\\\") { ... on EventConnection { events { __typename ... on MessageEvent {"
              + " stepKey message } } } } }\"}");
    } catch (IOException | InterruptedException e) {
      return "(could not read them: " + e + ")";
    }
  }

  /** Sends SIGINT, as Ctrl-C does; SIGTERM when SIGINT is ignored (a background job's is). */
  private static String interrupt(Process local) throws Exception {
    String signal = "INT";
    Path status = Path.of("/proc", Long.toString(local.pid()), "status");
    if (Files.exists(status)) {
      for (String line : Files.readAllLines(status)) {
        // SigIgn: the mask of ignored signals; SIGINT is signal 2, bit 1.
        if (line.startsWith("SigIgn:")
            && (Long.parseLong(line.substring(7).strip(), 16) & 0x2) != 0) {
          System.out.println("SIGINT is ignored by this test's process tree: sending SIGTERM");
          signal = "TERM";
        }
      }
    }
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(local.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("kill -%s", signal).isZero();
    return signal;
  }

  private String post(String url, String body) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s answered %s", url, response.body()).isEqualTo(200);
    return response.body();
  }

  private static List<ProcessHandle> processesMentioning(Path home) {
    String path = home.toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(path)).orElse(false))
        .toList();
  }

  private String describe(ProcessHandle p) {
    return p.pid() + " " + p.info().commandLine().orElse("?");
  }

  private static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new AssertionError("No " + regex + " in " + text);
    }
    return m.group(1);
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
