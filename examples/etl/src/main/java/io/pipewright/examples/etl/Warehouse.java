package io.pipewright.examples.etl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A stand-in for a warehouse client: it keeps written rows in memory and refuses to work once
 * closed, so that the example can show resource set-up and teardown.
 */
public final class Warehouse implements AutoCloseable {
  private final String url;
  private final String schema;
  private final List<String> written = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean closed;

  /**
   * Connects.
   *
   * @param config the config, with the password already resolved
   */
  public Warehouse(WarehouseConfig config) {
    if (config.password() == null || config.password().isBlank()) {
      throw new IllegalArgumentException("The warehouse password is empty.");
    }
    this.url = config.url();
    this.schema = config.schema();
  }

  /**
   * Writes one row to a table.
   *
   * @param table the table
   * @param row the row
   */
  public void write(String table, String row) {
    if (closed) {
      throw new IllegalStateException("The warehouse connection is closed.");
    }
    written.add(schema + "." + table + ": " + row);
  }

  /**
   * Rows written so far.
   *
   * @return the rows
   */
  public List<String> written() {
    return List.copyOf(written);
  }

  /**
   * The address.
   *
   * @return the url
   */
  public String url() {
    return url;
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }
}
