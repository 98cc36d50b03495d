package io.pipewright.webserver.graphql;

import java.util.Map;

/** Lets tests of other packages build the variables Dagster's client sends. */
public final class DagsterClientDocumentsTestAccess {

  private DagsterClientDocumentsTestAccess() {}

  /**
   * Returns the variables of a submission of a job without config or tags.
   *
   * @param job the job
   * @return the variables
   */
  public static Map<String, Object> submit(String job) {
    return DagsterClientDocumentsTest.submit(job, Map.of(), Map.of());
  }
}
