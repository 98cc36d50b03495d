package io.pipewright.postgres.local;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one PostgreSQL database is and how to log in, in the forms clients need.
 *
 * @param host the host name or address
 * @param port the port
 * @param database the database name
 * @param user the user
 * @param password the password; empty when none is needed
 */
public record ConnectionInfo(String host, int port, String database, String user, String password) {

  /** Validates the components. */
  public ConnectionInfo {
    require(host, "host");
    require(database, "database");
    require(user, "user");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("A PostgreSQL port is 1 to 65535, got " + port);
    }
    password = password == null ? "" : password;
  }

  private static void require(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("A PostgreSQL connection needs a " + what);
    }
  }

  /**
   * Parses a connection URL: {@code postgresql://user:password@host:port/database} (also {@code
   * postgres://}), or {@code jdbc:postgresql://host:port/database?user=...&password=...}.
   *
   * @param url the URL
   * @return the connection
   * @throws IllegalArgumentException when the URL is not one of those forms, saying what is missing
   */
  public static ConnectionInfo parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("The PostgreSQL URL is empty");
    }
    String text = url.strip();
    if (text.startsWith("jdbc:")) {
      text = text.substring("jdbc:".length());
    }
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "The PostgreSQL URL '" + redact(url) + "' is malformed: " + e.getMessage(), e);
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          "The PostgreSQL URL '"
              + redact(url)
              + "' must start with postgresql://, postgres:// or jdbc:postgresql://");
    }
    String user = null;
    String password = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    Map<String, String> query = query(uri.getRawQuery());
    user = query.getOrDefault("user", user);
    password = query.getOrDefault("password", password);
    String path = uri.getPath() == null ? "" : uri.getPath();
    String database = path.startsWith("/") ? path.substring(1) : path;
    if (uri.getHost() == null || database.isBlank() || user == null) {
      throw new IllegalArgumentException(
          "The PostgreSQL URL '"
              + redact(url)
              + "' needs a host, a database and a user, as in"
              + " postgresql://user:password@localhost:5432/pipewright");
    }
    return new ConnectionInfo(
        uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, password);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The URL without its password, for messages. */
  private static String redact(String url) {
    return url.replaceAll("://([^:/@]+):[^@]*@", "://$1:***@")
        .replaceAll("password=[^&]*", "password=***");
  }

  /**
   * Returns the JDBC URL (without credentials), for Flyway and JDBC clients.
   *
   * @return {@code jdbc:postgresql://host:port/database}
   */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /**
   * Returns the URL of the reactive (Vert.x) client, as Quarkus's {@code
   * quarkus.datasource.reactive.url} takes it (without credentials).
   *
   * @return {@code postgresql://host:port/database}
   */
  public String reactiveUrl() {
    return "postgresql://" + host + ":" + port + "/" + database;
  }

  /**
   * Returns another database on the same server, with the same credentials.
   *
   * @param name the database
   * @return the connection
   */
  public ConnectionInfo withDatabase(String name) {
    return new ConnectionInfo(host, port, name, user, password);
  }

  /**
   * Returns the Quarkus configuration of the default datasource for this database: reactive URL
   * (Hibernate Reactive, the reactive client), JDBC URL (Flyway), user and password.
   *
   * @return property names to values
   */
  public Map<String, String> quarkusProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("quarkus.datasource.db-kind", "postgresql");
    props.put("quarkus.datasource.username", user);
    props.put("quarkus.datasource.password", password);
    props.put("quarkus.datasource.reactive.url", reactiveUrl());
    props.put("quarkus.datasource.jdbc.url", jdbcUrl());
    props.put("quarkus.datasource.devservices.enabled", "false");
    return props;
  }

  @Override
  public String toString() {
    return "ConnectionInfo[" + user + "@" + host + ":" + port + "/" + database + "]";
  }
}
