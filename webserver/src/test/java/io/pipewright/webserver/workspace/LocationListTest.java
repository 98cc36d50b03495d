package io.pipewright.webserver.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocationListTest {

  @TempDir Path dir;

  @Test
  void shouldReadConfiguredLocationsThenTheFilesWhenBothAreGiven() throws IOException {
    Path file = dir.resolve("workspace.properties");
    Files.writeString(file, "locations.assets.host=assets\nlocations.assets.port=4001\n");

    List<LocationAddress> addresses =
        LocationList.read(config(Map.of("etl", location("etl-host", 4000)), file));

    assertThat(addresses)
        .containsExactly(
            new LocationAddress("etl", "etl-host", 4000),
            new LocationAddress("assets", "assets", 4001));
  }

  @Test
  void shouldDefaultThePortTo4000WhenAFileGivesNone() {
    Properties properties = new Properties();
    properties.setProperty("locations.etl.host", "etl");
    List<String> problems = new ArrayList<>();

    List<LocationAddress> addresses = LocationList.parse(properties, "file", problems);

    assertThat(problems).isEmpty();
    assertThat(addresses).containsExactly(new LocationAddress("etl", "etl", 4000));
  }

  @Test
  void shouldReportEveryProblemWithItsKeyWhenTheFileIsWrong() throws IOException {
    Path file = dir.resolve("workspace.properties");
    Files.writeString(
        file,
        "locations.a.port=80\nlocations.b.host=b\nlocations.b.port=eighty\n"
            + "locations.c.host=c\nlocations.c.colour=red\nhosts=x\nlocations.etl.host=again\n");

    assertThatThrownBy(() -> LocationList.read(config(Map.of("etl", location("etl", 4000)), file)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Code location 'a' has no host; set locations.a.host")
        .hasMessageContaining("locations.b.port is 'eighty', not a number")
        .hasMessageContaining("unknown key 'locations.c.colour'")
        .hasMessageContaining("unknown key 'hosts'")
        .hasMessageContaining("code location 'etl' is defined twice");
  }

  @Test
  void shouldNameTheFileWhenItCannotBeRead() {
    Path missing = dir.resolve("missing.properties");

    assertThatThrownBy(() -> LocationList.read(config(Map.of(), missing)))
        .hasMessageContaining("workspace file " + missing + " cannot be read");
  }

  @Test
  void shouldRejectAPortOutOfRange() {
    assertThatThrownBy(() -> new LocationAddress("etl", "h", 70000))
        .hasMessageContaining("set locations.etl.port to a port from 1 to 65535");
  }

  static WorkspaceConfig.Location location(String host, int port) {
    return new WorkspaceConfig.Location() {
      @Override
      public String host() {
        return host;
      }

      @Override
      public int port() {
        return port;
      }
    };
  }

  static WorkspaceConfig config(Map<String, WorkspaceConfig.Location> locations, Path file) {
    return new WorkspaceConfig() {
      @Override
      public Map<String, Location> locations() {
        return locations;
      }

      @Override
      public Optional<Path> file() {
        return Optional.ofNullable(file);
      }

      @Override
      public Duration refreshInterval() {
        return Duration.ZERO;
      }

      @Override
      public Duration controlDeadline() {
        return Duration.ofSeconds(1);
      }

      @Override
      public Duration snapshotDeadline() {
        return Duration.ofSeconds(1);
      }

      @Override
      public Duration userCodeDeadline() {
        return Duration.ofSeconds(1);
      }
    };
  }
}
