package io.pipewright.examples.etl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A stand-in for a chat or paging client that the failure hook posts to. */
public final class Alerts {
  private final List<String> posted = Collections.synchronizedList(new ArrayList<>());

  /** Creates an empty alert sink. */
  public Alerts() {}

  /**
   * Posts an alert.
   *
   * @param message the alert
   */
  public void post(String message) {
    posted.add(message);
  }

  /**
   * The alerts posted so far.
   *
   * @return the alerts
   */
  public List<String> posted() {
    return List.copyOf(posted);
  }
}
