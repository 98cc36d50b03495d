package io.pipewright.webserver.workspace;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The list of configured code locations: those in Quarkus configuration plus those of the workspace
 * file. Pure parsing with every problem reported at once, each naming the key and the fix.
 */
final class LocationList {

  private static final String PREFIX = "locations.";

  private LocationList() {}

  /**
   * Reads the locations of the configuration and of its workspace file, if any.
   *
   * @param config the workspace configuration
   * @return the locations, configuration first, each group by name
   * @throws IllegalArgumentException listing every problem (a missing host, a bad port, an unknown
   *     key, a name defined twice, an unreadable file)
   */
  static List<LocationAddress> read(WorkspaceConfig config) {
    List<String> problems = new ArrayList<>();
    Map<String, LocationAddress> byName = new LinkedHashMap<>();
    new TreeMap<>(config.locations())
        .forEach(
            (name, location) ->
                add(
                    byName,
                    problems,
                    "configuration",
                    name,
                    location.host(),
                    Integer.toString(location.port())));
    if (config.file().isPresent()) {
      Path file = config.file().get();
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
        String source = "workspace file " + file;
        for (LocationAddress address : parse(properties, source, problems)) {
          putUnique(byName, problems, source, address);
        }
      } catch (IOException e) {
        problems.add(
            "workspace file "
                + file
                + " cannot be read ("
                + e
                + "); fix pipewright.workspace.file or the file's permissions");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "The workspace's code locations are misconfigured:\n  - "
              + String.join("\n  - ", problems));
    }
    return List.copyOf(byName.values());
  }

  /**
   * Parses the locations of a workspace file: keys {@code locations.<name>.host} and {@code
   * locations.<name>.port} (4000 when absent).
   *
   * @param properties the file's properties
   * @param source the file, for messages
   * @param problems where problems are added
   * @return the locations that are valid, by name
   */
  static List<LocationAddress> parse(Properties properties, String source, List<String> problems) {
    Map<String, String[]> fields = new TreeMap<>();
    for (String key : new TreeMap<>(toMap(properties)).keySet()) {
      String value = properties.getProperty(key).trim();
      int dot = key.lastIndexOf('.');
      if (!key.startsWith(PREFIX) || dot <= PREFIX.length()) {
        problems.add(
            source
                + ": unknown key '"
                + key
                + "'; keys are locations.<name>.host and locations.<name>.port");
        continue;
      }
      String name = key.substring(PREFIX.length(), dot);
      String field = key.substring(dot + 1);
      String[] hostAndPort = fields.computeIfAbsent(name, n -> new String[2]);
      switch (field) {
        case "host" -> hostAndPort[0] = value;
        case "port" -> hostAndPort[1] = value;
        default ->
            problems.add(
                source
                    + ": unknown key '"
                    + key
                    + "'; a location has a host and a port (locations."
                    + name
                    + ".host, locations."
                    + name
                    + ".port)");
      }
    }
    List<LocationAddress> addresses = new ArrayList<>();
    fields.forEach(
        (name, hostAndPort) -> {
          LocationAddress address = address(problems, source, name, hostAndPort[0], hostAndPort[1]);
          if (address != null) {
            addresses.add(address);
          }
        });
    return addresses;
  }

  private static void add(
      Map<String, LocationAddress> byName,
      List<String> problems,
      String source,
      String name,
      String host,
      String port) {
    LocationAddress address = address(problems, source, name, host, port);
    if (address != null) {
      putUnique(byName, problems, source, address);
    }
  }

  private static void putUnique(
      Map<String, LocationAddress> byName,
      List<String> problems,
      String source,
      LocationAddress address) {
    String name = address.name();
    if (byName.containsKey(name)) {
      problems.add(
          source
              + ": code location '"
              + name
              + "' is defined twice; keep one definition, in the configuration or in the file");
      return;
    }
    byName.put(name, address);
  }

  private static LocationAddress address(
      List<String> problems, String source, String name, String host, String port) {
    int portNumber = 4000;
    if (port != null && !port.isBlank()) {
      try {
        portNumber = Integer.parseInt(port.trim());
      } catch (NumberFormatException e) {
        problems.add(
            source
                + ": locations."
                + name
                + ".port is '"
                + port
                + "', not a number; set a port from 1 to 65535");
        return null;
      }
    }
    try {
      return new LocationAddress(name, host == null ? null : host.trim(), portNumber);
    } catch (IllegalArgumentException e) {
      problems.add(source + ": " + e.getMessage());
      return null;
    }
  }

  private static Map<String, String> toMap(Properties properties) {
    Map<String, String> map = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      map.put(key, properties.getProperty(key));
    }
    return map;
  }
}
