package io.pipewright.webserver.figures;

import java.util.List;
import java.util.Map;

/** The {@code runsOrError} requests of the figures: what Dagster's UI asks for its runs page. */
record RunsQuery(String name, String document, Map<String, Object> variables) {

  private static final String PAGE =
      """
      query($filter: RunsFilter, $cursor: String, $limit: Int) {
        runsOrError(filter: $filter, cursor: $cursor, limit: $limit) {
          __typename
          ... on Runs { results { runId status pipelineName creationTime startTime endTime
                                  tags { key value } } }
          ... on PythonError { message }
        }
      }
      """;

  private static final String PAGE_WITH_COUNT =
      PAGE.replace("... on Runs {", "... on Runs { count");

  /**
   * The requests.
   *
   * @param runs how many runs are seeded: the cursor request starts from the middle one
   */
  static List<RunsQuery> all(int runs) {
    String middle = String.format("bench-%07d", runs / 2);
    return List.of(
        new RunsQuery("newest 50", PAGE, Map.of("limit", 50)),
        new RunsQuery(
            "status FAILURE, 50",
            PAGE,
            Map.of("filter", Map.of("statuses", List.of("FAILURE")), "limit", 50)),
        new RunsQuery(
            "tag team=team_7, 50",
            PAGE,
            Map.of(
                "filter",
                Map.of("tags", List.of(Map.of("key", "team", "value", "team_7"))),
                "limit",
                50)),
        new RunsQuery(
            "job job_7, 50", PAGE, Map.of("filter", Map.of("pipelineName", "job_7"), "limit", 50)),
        new RunsQuery("page after " + middle + ", 50", PAGE, Map.of("cursor", middle, "limit", 50)),
        new RunsQuery(
            "status STARTED + tag team=team_1, 50",
            PAGE,
            Map.of(
                "filter",
                Map.of(
                    "statuses", List.of("STARTED"),
                    "tags", List.of(Map.of("key", "team", "value", "team_1"))),
                "limit",
                50)),
        new RunsQuery(
            "status FAILURE, 50, with count",
            PAGE_WITH_COUNT,
            Map.of("filter", Map.of("statuses", List.of("FAILURE")), "limit", 50)));
  }
}
