package io.pipewright.codelocation.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.protobuf.util.JsonFormat;
import io.pipewright.codelocation.testlocation.TestLocation;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.LoadError;
import io.pipewright.protocol.mapping.SnapshotMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compares the snapshots of fixed definitions, rendered as canonical JSON (protobuf's {@code
 * JsonFormat}, map keys sorted), with the files under {@code src/test/resources/golden}. A
 * difference is a change of what hosts see: review it, then regenerate with {@code
 * -Dpipewright.updateGolden=true}.
 */
class GoldenSnapshotTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

  private static final DefinitionsSnapshotter SNAPSHOTTER =
      DefinitionsSnapshotter.forLocation(
          "test-location", "server-1", "registry.example.com/test:1");

  @Test
  void shouldMatchTheGoldenFileWhenSnapshottingTheTestLocation() throws IOException {
    assertGolden("test-location.json", SNAPSHOTTER.snapshot(TestLocation.definitions()));
  }

  @Test
  void shouldMatchTheGoldenFileWhenTheDefinitionsFailedToLoad() throws IOException {
    assertGolden(
        "load-errors.json",
        SNAPSHOTTER.failed(
            List.of(
                new LoadError(
                    "job 'etl' > op 'extract'",
                    "it requires resource 'warehouse', which the job does not provide",
                    "bind it with .resource(\"warehouse\", ...) on the job or on Definitions"))));
  }

  private static void assertGolden(String name, CodeLocationSnapshot snapshot) throws IOException {
    String actual =
        JsonFormat.printer().sortingMapKeys().print(SnapshotMapper.toProto(snapshot)) + "\n";
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("pipewright.updateGolden")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(file)) {
      fail(
          "The golden file "
              + file.toAbsolutePath()
              + " does not exist. Create it with -Dpipewright.updateGolden=true");
    }
    String expected = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(actual)
        .as(
            "The snapshot differs from %s. If the change is intended, review the difference and"
                + " regenerate the golden files with -Dpipewright.updateGolden=true",
            file)
        .isEqualTo(expected);
  }
}
