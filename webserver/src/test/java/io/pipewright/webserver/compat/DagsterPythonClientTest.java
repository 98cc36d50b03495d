package io.pipewright.webserver.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.webserver.graphql.Gql;
import io.pipewright.webserver.testlocation.TestLocationPorts;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dagster's official Python client ({@code DagsterGraphQLClient} of {@code dagster-graphql}, from
 * PyPI, unchanged) against the running webserver and a real code location server: submitting jobs
 * with config and tags, reading their status, terminating, reloading and shutting down locations,
 * and the error cases (unknown job, invalid config, unknown run). And Pipewright's schema checked
 * type by type against the schema of that Dagster version.
 *
 * <p>Skipped, with the reason, when {@code python3} is missing or the package cannot be installed
 * (no network). The virtualenv is made once under {@code ~/.cache/pipewright} and reused.
 */
@QuarkusTest
@WithTestResource(value = PrivatePostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestLocationPorts.class, scope = TestResourceScope.GLOBAL)
class DagsterPythonClientTest {

  /** The version the checks were written against; {@code -Dpipewright.dagster-graphql=x.y.z}. */
  static final String VERSION = System.getProperty("pipewright.dagster-graphql", "1.13.29");

  private static final Path SCRIPTS = Path.of("src", "it", "python");
  private static final Path SCHEMA = Path.of("src", "main", "resources", "graphql");

  @TestHTTPResource("/")
  URL root;

  @Test
  void shouldServeDagstersPythonClientUnchanged() {
    Path python = virtualenv();
    new Gql(root).awaitTestLocationLoaded();

    Result result =
        run(
            List.of(
                python.toString(),
                SCRIPTS.resolve("dagster_client_check.py").toString(),
                root.getHost(),
                Integer.toString(root.getPort())),
            300);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("all checks passed");
  }

  @Test
  void shouldDeclareEveryTypeAsDagstersSchemaDoes() throws IOException {
    Path python = virtualenv();
    List<String> command =
        new ArrayList<>(List.of(python.toString(), SCRIPTS.resolve("schema_subset.py").toString()));
    try (Stream<Path> files = Files.list(SCHEMA)) {
      files
          .filter(f -> f.toString().endsWith(".graphqls"))
          .sorted()
          .forEach(f -> command.add(f.toString()));
    }

    Result result = run(command, 120);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains(" 0 differences");
  }

  /** Returns the virtualenv's python with dagster-graphql installed, or skips the test. */
  private static Path virtualenv() {
    Result python3 = run(List.of("python3", "--version"), 30);
    assumeTrue(python3.exitCode() == 0, "python3 is not installed here: " + python3.output());
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "pipewright");
    Path venv = cache.resolve("dagster-graphql-" + VERSION);
    Path python = venv.resolve("bin").resolve("python");
    if (Files.isExecutable(python)
        && run(List.of(python.toString(), "-c", "import dagster_graphql"), 120).exitCode() == 0) {
      return python;
    }
    // Built aside and moved in place, so that a build interrupted half-way is never reused.
    Path building =
        cache.resolve("dagster-graphql-" + VERSION + ".building-" + ProcessHandle.current().pid());
    try {
      Files.createDirectories(cache);
      Result created = run(List.of("python3", "-m", "venv", building.toString()), 120);
      assumeTrue(created.exitCode() == 0, "python3 -m venv failed: " + created.output());
      Result installed =
          run(
              List.of(
                  building.resolve("bin").resolve("python").toString(),
                  "-m",
                  "pip",
                  "install",
                  "--quiet",
                  "dagster-graphql==" + VERSION),
              900);
      assumeTrue(
          installed.exitCode() == 0,
          "pip install dagster-graphql=="
              + VERSION
              + " failed (no network?): "
              + installed.output());
      deleteTree(venv);
      Files.move(building, venv, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(building);
    }
    return python;
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, int timeoutSeconds) {
    Path log = null;
    try {
      // Output to a file, so that the timeout holds even when the process never closes it.
      log = Files.createTempFile("pipewright-python", ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      process.getOutputStream().close();
      boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      if (!done) {
        process.destroyForcibly();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      return done
          ? new Result(process.exitValue(), output)
          : new Result(-1, "timed out after " + timeoutSeconds + " s: " + command + "\n" + output);
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, e.toString());
    } finally {
      if (log != null) {
        log.toFile().delete();
      }
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
