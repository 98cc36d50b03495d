package io.pipewright.webserver.graphql;

import static io.pipewright.webserver.graphql.Gql.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.InstigatorStatus;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.instigation.Tick;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.webserver.graphql.view.Times;
import io.pipewright.webserver.run.Await;
import io.pipewright.webserver.testlocation.InstigationDefinitions;
import io.pipewright.webserver.testlocation.TestLocationPorts;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schedules and sensors over GraphQL: definitions with their default or stored status, start, stop
 * and reset, cursors, future ticks across daylight-saving changes, dry runs through the code
 * location, tick history, and every error as data.
 */
@QuarkusTest
@TestProfile(InstigationDefinitions.Profile.class)
@WithTestResource(value = PrivatePostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestLocationPorts.class, scope = TestResourceScope.GLOBAL)
class InstigationTest {

  private static final String STATE =
      " id selectorId name instigationType status repositoryLocationName"
          + " typeSpecificData { __typename ... on SensorData { lastCursor lastRunKey }"
          + " ... on ScheduleData { cronSchedule } } ";

  private static final String SCHEDULE =
      "__typename ... on Schedule { id name cronSchedule executionTimezone pipelineName mode"
          + " description defaultStatus canReset scheduleState {"
          + STATE
          + "} }";

  private static final String SCHEDULE_OR_ERROR =
      SCHEDULE
          + " ... on ScheduleNotFoundError { message scheduleName }"
          + " ... on PythonError { message className }";

  private static final String SENSOR =
      "__typename ... on Sensor { id jobOriginId name minIntervalSeconds description sensorType"
          + " defaultStatus canReset targets { pipelineName mode } nextTick { timestamp }"
          + " sensorState {"
          + STATE
          + "} }";

  private static final String SENSOR_OR_ERROR =
      SENSOR
          + " ... on SensorNotFoundError { message sensorName }"
          + " ... on PythonError { message className }";

  private static final String EVALUATION =
      "__typename ... on DryRunInstigationTick { timestamp evaluationResult { skipReason cursor"
          + " error { message } runRequests { runKey runConfigYaml jobName tags { key value } } } }"
          + " ... on PythonError { message className }";

  private static final String SCHEDULE_EVALUATION =
      EVALUATION + " ... on ScheduleNotFoundError { message }";

  private static final String SENSOR_EVALUATION =
      EVALUATION + " ... on SensorNotFoundError { message }";

  @TestHTTPResource("/")
  URL root;

  @Inject InstigatorStore store;

  private Gql gql;

  @BeforeEach
  void awaitWorkspace() {
    gql = new Gql(root);
    gql.awaitTestLocationLoaded();
  }

  @Test
  void shouldListSchedulesWithTheirDefaultStatusWhenNoneIsStored() {
    mutate("resetSchedule(scheduleSelector: $s) { __typename }", "s", schedule("hello_hourly"));

    Object all =
        query(
            "schedulesOrError(repositorySelector: $r) { __typename ... on Schedules { results {"
                + SCHEDULE
                + " } } }",
            "r",
            repository("test"));
    Object running =
        query(
            "schedulesOrError(repositorySelector: $r, scheduleStatus: RUNNING) { ... on Schedules"
                + " { results { ... on Schedule { name } } } }",
            "r",
            repository("test"));

    assertThat(Gql.list(at(all, "results"))).hasSize(2);
    Object hourly = byName(at(all, "results"), "hello_hourly");
    assertThat(at(hourly, "cronSchedule")).isEqualTo("0 * * * *");
    assertThat(at(hourly, "executionTimezone")).isEqualTo("Europe/Berlin");
    assertThat(at(hourly, "pipelineName")).isEqualTo("hello");
    assertThat(at(hourly, "mode")).isEqualTo("default");
    assertThat(at(hourly, "description")).isEqualTo("Says hello every hour.");
    assertThat(at(hourly, "defaultStatus")).isEqualTo("STOPPED");
    assertThat(at(hourly, "scheduleState.status")).isEqualTo("STOPPED");
    assertThat(at(hourly, "scheduleState.instigationType")).isEqualTo("SCHEDULE");
    assertThat(at(hourly, "scheduleState.typeSpecificData.cronSchedule")).isEqualTo("0 * * * *");
    Object nightly = byName(at(all, "results"), "etl_nightly");
    assertThat(at(nightly, "scheduleState.status")).isEqualTo("RUNNING");
    assertThat(Gql.list(at(running, "results")))
        .extracting(s -> at(s, "name"))
        .containsExactly("etl_nightly");
  }

  @Test
  void shouldStartStopAndResetAScheduleWhenAsked() {
    Object started =
        mutate(
            "startSchedule(scheduleSelector: $s) { __typename ... on ScheduleStateResult {"
                + " scheduleState { id status } } }",
            "s",
            schedule("hello_hourly"));
    Object afterStart =
        query(
            "scheduleOrError(scheduleSelector: $s) {" + SCHEDULE_OR_ERROR + "}",
            "s",
            schedule("hello_hourly"));
    Object stopped =
        mutate(
            "stopRunningSchedule(id: $id) { __typename ... on ScheduleStateResult {"
                + " scheduleState { status } } }",
            "id",
            at(started, "scheduleState.id"));
    Object reset =
        mutate(
            "resetSchedule(scheduleSelector: $s) { ... on ScheduleStateResult { scheduleState {"
                + " status } } }",
            "s",
            schedule("hello_hourly"));
    Object afterReset =
        query(
            "scheduleOrError(scheduleSelector: $s) {" + SCHEDULE_OR_ERROR + "}",
            "s",
            schedule("hello_hourly"));

    assertThat(at(started, "__typename")).isEqualTo("ScheduleStateResult");
    assertThat(at(started, "scheduleState.status")).isEqualTo("RUNNING");
    assertThat(at(afterStart, "scheduleState.status")).isEqualTo("RUNNING");
    assertThat(at(afterStart, "canReset")).isEqualTo(true);
    assertThat(at(afterStart, "id")).isEqualTo(at(started, "scheduleState.id"));
    assertThat(at(stopped, "scheduleState.status")).isEqualTo("STOPPED");
    assertThat(at(reset, "scheduleState.status")).isEqualTo("STOPPED");
    assertThat(at(afterReset, "canReset")).isEqualTo(false);
    assertThat(
            Await.of(store.state(InstigatorSelector.of("test", "hello_hourly")))
                .orElseThrow()
                .status())
        .isEqualTo(InstigatorStatus.DECLARED_IN_CODE);
  }

  @Test
  void shouldAnswerNotFoundAndUnloadedLocationsAsData() {
    Object unknown =
        query(
            "scheduleOrError(scheduleSelector: $s) {" + SCHEDULE_OR_ERROR + "}",
            "s",
            schedule("nope"));
    Map<String, Object> onDown = schedule("hello_hourly");
    onDown.put("repositoryLocationName", "down");
    Object down =
        query("scheduleOrError(scheduleSelector: $s) {" + SCHEDULE_OR_ERROR + "}", "s", onDown);
    Object noRepository =
        query(
            "sensorsOrError(repositorySelector: $r) { __typename ... on RepositoryNotFoundError {"
                + " message repositoryLocationName } }",
            "r",
            repository("nowhere"));
    Object startUnknown =
        mutate("startSensor(sensorSelector: $s) {" + SENSOR_OR_ERROR + "}", "s", sensor("nope"));
    Object stopUnknown =
        mutate(
            "stopRunningSchedule(id: $id) { __typename ... on PythonError { message } }",
            "id",
            "not-an-id");

    assertThat(at(unknown, "__typename")).isEqualTo("ScheduleNotFoundError");
    assertThat(at(unknown, "scheduleName")).isEqualTo("nope");
    assertThat((String) at(unknown, "message"))
        .contains("Could not find schedule 'nope' in code location 'test'")
        .contains("hello_hourly");
    assertThat(at(down, "__typename")).isEqualTo("PythonError");
    assertThat((String) at(down, "message")).contains("Code location 'down' is not loaded");
    assertThat(at(noRepository, "__typename")).isEqualTo("RepositoryNotFoundError");
    assertThat((String) at(noRepository, "message")).contains("no code location 'nowhere'");
    assertThat(at(startUnknown, "__typename")).isEqualTo("SensorNotFoundError");
    assertThat(at(stopUnknown, "__typename")).isEqualTo("PythonError");
    assertThat((String) at(stopUnknown, "message")).contains("No schedule has id 'not-an-id'");
  }

  @Test
  void shouldComputeFutureTicksInTheScheduleTimeZoneAcrossDaylightSavingChanges() {
    double springCursor = Times.seconds(Instant.parse("2024-03-09T12:00:00Z"));
    double fallCursor = Times.seconds(Instant.parse("2024-11-02T12:00:00Z"));
    String ticks =
        "scheduleOrError(scheduleSelector: $s) { ... on Schedule { spring: futureTicks(cursor: "
            + springCursor
            + ", limit: 2) { cursor results { timestamp } } fall: futureTicks(cursor: "
            + fallCursor
            + ", until: "
            + Times.seconds(Instant.parse("2024-11-05T00:00:00Z"))
            + ") { results { timestamp } } } }";

    Object nightly = query(ticks, "s", schedule("etl_nightly"));

    // 02:30 does not exist on 2024-03-10 in New York: that tick fires at 03:00 EDT (07:00Z).
    assertThat(Gql.list(at(nightly, "spring.results")))
        .extracting(t -> instant(at(t, "timestamp")))
        .containsExactly(
            Instant.parse("2024-03-10T07:00:00Z"), Instant.parse("2024-03-11T06:30:00Z"));
    assertThat(instant(at(nightly, "spring.cursor")))
        .isEqualTo(Instant.parse("2024-03-11T06:30:01Z"));
    // 2024-11-03: 02:30 EST (07:30Z), after the clocks went back.
    assertThat(Gql.list(at(nightly, "fall.results")))
        .extracting(t -> instant(at(t, "timestamp")))
        .containsExactly(
            Instant.parse("2024-11-03T07:30:00Z"), Instant.parse("2024-11-04T07:30:00Z"));
  }

  @Test
  void shouldEvaluateFutureTicksAndDryRunsWithoutRecordingATick() {
    Instant time = Instant.parse("2024-06-01T10:00:00Z");
    Object future =
        query(
            "scheduleOrError(scheduleSelector: $s) { ... on Schedule { futureTick(tickTimestamp: "
                + time.getEpochSecond()
                + ") { timestamp evaluationResult { runRequests { runKey tags { key value } } } }"
                + " } }",
            "s",
            schedule("hello_hourly"));
    Map<String, Object> variables = new HashMap<>();
    variables.put("s", schedule("hello_hourly"));
    Object dryRun =
        gql.data(
                "mutation($s: ScheduleSelector!) { scheduleDryRun(selectorData: $s, timestamp: "
                    + Times.seconds(time)
                    + ") {"
                    + SCHEDULE_EVALUATION
                    + "} }",
                variables)
            .get("scheduleDryRun");
    Object skipped =
        mutate(
            "scheduleDryRun(selectorData: $s) {" + SCHEDULE_EVALUATION + "}",
            "s",
            schedule("etl_nightly"));
    Object unknown =
        mutate(
            "scheduleDryRun(selectorData: $s) {" + SCHEDULE_EVALUATION + "}",
            "s",
            schedule("nope"));
    Map<String, Object> onDown = schedule("hello_hourly");
    onDown.put("repositoryLocationName", "down");
    Object down =
        mutate("scheduleDryRun(selectorData: $s) {" + SCHEDULE_EVALUATION + "}", "s", onDown);

    assertThat(at(future, "futureTick.evaluationResult.runRequests.0.runKey"))
        .isEqualTo(time.toString());
    assertThat(Gql.list(at(future, "futureTick.evaluationResult.runRequests.0.tags")))
        .contains(Map.of("key", "when", "value", "12:00"));
    assertThat(at(dryRun, "__typename")).isEqualTo("DryRunInstigationTick");
    assertThat(instant(at(dryRun, "timestamp"))).isEqualTo(time);
    assertThat(at(dryRun, "evaluationResult.runRequests.0.runKey")).isEqualTo(time.toString());
    assertThat(at(dryRun, "evaluationResult.runRequests.0.runConfigYaml")).isEqualTo("{}");
    assertThat(at(skipped, "evaluationResult.skipReason")).isEqualTo("no new rows");
    assertThat(Gql.list(at(skipped, "evaluationResult.runRequests"))).isEmpty();
    assertThat(at(unknown, "__typename")).isEqualTo("ScheduleNotFoundError");
    assertThat(at(down, "__typename")).isEqualTo("PythonError");
    assertThat(
            Await.of(
                store.ticks(
                    InstigatorSelector.of("test", "hello_hourly"),
                    io.pipewright.core.instigation.TickFilter.latest(10))))
        .isEmpty();
  }

  @Test
  void shouldStartSetTheCursorOfStopAndResetASensorWhenAsked() {
    Object listed =
        query(
            "sensorsOrError(repositorySelector: $r) { ... on Sensors { results {"
                + SENSOR
                + " } } }",
            "r",
            repository("test"));
    Object started =
        mutate("startSensor(sensorSelector: $s) {" + SENSOR_OR_ERROR + "}", "s", sensor());
    Map<String, Object> variables = new HashMap<>();
    variables.put("s", sensor());
    Object withCursor =
        gql.data(
                "mutation($s: SensorSelector!) { setSensorCursor(sensorSelector: $s, cursor: \"7\")"
                    + " {"
                    + SENSOR_OR_ERROR
                    + "} }",
                variables)
            .get("setSensorCursor");
    Object stopped =
        mutate(
            "stopSensor(id: $id) { __typename ... on StopSensorMutationResult { instigationState {"
                + " status typeSpecificData { ... on SensorData { lastCursor } } } } }",
            "id",
            at(started, "sensorState.id"));
    Object reset =
        mutate("resetSensor(sensorSelector: $s) {" + SENSOR_OR_ERROR + "}", "s", sensor());

    Object sensor = byName(at(listed, "results"), "hello_files");
    assertThat(at(sensor, "minIntervalSeconds")).isEqualTo(45);
    assertThat(at(sensor, "sensorType")).isEqualTo("STANDARD");
    assertThat(at(sensor, "description")).isEqualTo("Watches files.");
    assertThat(at(sensor, "targets.0.pipelineName")).isEqualTo("hello");
    assertThat(at(sensor, "defaultStatus")).isEqualTo("STOPPED");
    assertThat(at(sensor, "id")).isEqualTo(at(sensor, "jobOriginId"));
    assertThat(at(started, "sensorState.status")).isEqualTo("RUNNING");
    assertThat(at(started, "nextTick.timestamp")).isNotNull();
    assertThat(at(withCursor, "sensorState.typeSpecificData.lastCursor")).isEqualTo("7");
    assertThat(at(stopped, "__typename")).isEqualTo("StopSensorMutationResult");
    assertThat(at(stopped, "instigationState.status")).isEqualTo("STOPPED");
    assertThat(at(stopped, "instigationState.typeSpecificData.lastCursor")).isEqualTo("7");
    assertThat(at(reset, "sensorState.status")).isEqualTo("STOPPED");
    assertThat(at(reset, "canReset")).isEqualTo(false);
    assertThat(at(reset, "nextTick")).isNull();
  }

  @Test
  void shouldEvaluateASensorWithTheGivenCursorWhenDryRun() {
    Object withCursor = sensorDryRun(sensor(), "\"5\"");
    Object withoutCursor = sensorDryRun(sensor(), "null");
    Object failing = sensorDryRun(sensor(), "\"boom\"");
    Object unknown = sensorDryRun(sensor("nope"), "null");
    Map<String, Object> onDown = sensor();
    onDown.put("repositoryLocationName", "down");
    Object down = sensorDryRun(onDown, "null");

    assertThat(at(withCursor, "evaluationResult.runRequests.0.runKey")).isEqualTo("file-5");
    assertThat(at(withCursor, "evaluationResult.cursor")).isEqualTo("5+1");
    assertThat(at(withoutCursor, "evaluationResult.skipReason")).isEqualTo("no cursor yet");
    assertThat((String) at(failing, "evaluationResult.error.message"))
        .contains("cursor boom is not a file offset");
    assertThat(at(unknown, "__typename")).isEqualTo("SensorNotFoundError");
    assertThat(at(down, "__typename")).isEqualTo("PythonError");
    assertThat((String) at(down, "message")).contains("Code location 'down' is not loaded");
  }

  @Test
  void shouldPageTicksNewestFirstWhenFilteredByStatusAndCursor() {
    InstigatorSelector selector = InstigatorSelector.of("test", "etl_nightly");
    Instant t0 = Instant.parse("2025-01-01T07:30:00Z");
    for (int i = 0; i < 3; i++) {
      Instant at = t0.plusSeconds(86_400L * i);
      Tick tick = Await.of(store.startTick(selector, InstigatorType.SCHEDULE, at, at));
      Tick done =
          i == 1
              ? tick.failure(ErrorSnapshot.of("java.lang.IllegalStateException", "boom"), at)
              : tick.skipped("no new rows", at.plusSeconds(1));
      Await.of(store.updateTick(done));
    }
    String state =
        "instigationStateOrError(instigationSelector: $i) { __typename ... on InstigationState {"
            + " status page: ticks(limit: 2) { tickId status timestamp skipReason error { message"
            + " } } failures: ticks(statuses: [FAILURE]) { status }"
            + " after: ticks(cursor: \""
            + Times.seconds(t0.plusSeconds(86_400))
            + "\") { timestamp } } }";
    Map<String, Object> instigation = new HashMap<>(schedule("etl_nightly"));
    instigation.put("name", instigation.remove("scheduleName"));

    Object result = query(state, "i", instigation);
    Map<String, Object> bad =
        gql.post(
            "query($i: InstigationSelector!) { instigationStateOrError(instigationSelector: $i) {"
                + " ... on InstigationState { ticks(cursor: \"yesterday\") { tickId } } } }",
            Map.of("i", instigation));

    assertThat(at(result, "status")).isEqualTo("RUNNING");
    assertThat(Gql.list(at(result, "page")))
        .extracting(t -> at(t, "status"))
        .containsExactly("SKIPPED", "FAILURE");
    assertThat(at(result, "page.1.error.message")).isEqualTo("boom");
    assertThat(at(result, "page.0.skipReason")).isEqualTo("no new rows");
    assertThat(Gql.list(at(result, "failures"))).hasSize(1);
    assertThat(Gql.list(at(result, "after")))
        .extracting(t -> instant(at(t, "timestamp")))
        .containsExactly(t0);
    assertThat(Gql.json(bad.get("errors"))).contains("cursor 'yesterday' is not a tick timestamp");
  }

  @Test
  void shouldShowStoredStatesWhenTheirLocationIsDownAndSayWhenNoneIsStored() {
    InstigatorSelector ghost = InstigatorSelector.of("down", "ghost_sensor");
    Instant now = Instant.now();
    Await.of(
        store.updateState(
            ghost,
            InstigatorType.SENSOR,
            now,
            s -> s.withStatus(InstigatorStatus.RUNNING, now).withCursor("42", now)));
    String query =
        "instigationStateOrError(instigationSelector: $i) { __typename ... on InstigationState {"
            + STATE
            + "} ... on InstigationStateNotFoundError { message name } ... on PythonError {"
            + " message } }";

    Object stored = query(query, "i", instigation("down", "ghost_sensor"));
    Object unknownOnDown = query(query, "i", instigation("down", "nothing"));
    Object unknown = query(query, "i", instigation("test", "nothing"));
    Object sensorState = query(query, "i", instigation("test", "hello_files"));
    Object states =
        query(
            "instigationStatesOrError(repositoryID: $id) { __typename ... on InstigationStates {"
                + " results { name status } } ... on PythonError { message } }",
            "id",
            "__repository__@down");

    assertThat(at(stored, "__typename")).isEqualTo("InstigationState");
    assertThat(at(stored, "instigationType")).isEqualTo("SENSOR");
    assertThat(at(stored, "status")).isEqualTo("RUNNING");
    assertThat(at(stored, "typeSpecificData.lastCursor")).isEqualTo("42");
    assertThat(at(unknownOnDown, "__typename")).isEqualTo("PythonError");
    assertThat(at(unknown, "__typename")).isEqualTo("InstigationStateNotFoundError");
    assertThat(at(unknown, "name")).isEqualTo("nothing");
    assertThat(at(sensorState, "instigationType")).isEqualTo("SENSOR");
    assertThat(Gql.list(at(states, "results")))
        .contains(Map.of("name", "ghost_sensor", "status", "RUNNING"));
  }

  private Object sensorDryRun(Map<String, Object> selector, String cursor) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("s", selector);
    return gql.data(
            "mutation($s: SensorSelector!) { sensorDryRun(selectorData: $s, cursor: "
                + cursor
                + ") {"
                + SENSOR_EVALUATION
                + "} }",
            variables)
        .get("sensorDryRun");
  }

  private Object query(String field, String variable, Object value) {
    return run("query", field, variable, value);
  }

  private Object mutate(String field, String variable, Object value) {
    return run("mutation", field, variable, value);
  }

  /** Runs one root field with one variable, whose type follows from its value. */
  private Object run(String operation, String field, String variable, Object value) {
    String type;
    if (value instanceof Map<?, ?> map) {
      type =
          map.containsKey("sensorName")
              ? "SensorSelector!"
              : map.containsKey("scheduleName")
                  ? "ScheduleSelector!"
                  : map.containsKey("name") ? "InstigationSelector!" : "RepositorySelector!";
    } else {
      type = "String!";
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(variable, value);
    Map<String, Object> data =
        gql.data(operation + "($" + variable + ": " + type + ") { " + field + " }", variables);
    return data.values().iterator().next();
  }

  private static Map<String, Object> repository(String location) {
    Map<String, Object> selector = new HashMap<>();
    selector.put("repositoryLocationName", location);
    selector.put("repositoryName", "__repository__");
    return selector;
  }

  private static Map<String, Object> schedule(String name) {
    Map<String, Object> selector = repository("test");
    selector.put("scheduleName", name);
    return selector;
  }

  private static Map<String, Object> sensor() {
    return sensor("hello_files");
  }

  private static Map<String, Object> sensor(String name) {
    Map<String, Object> selector = repository("test");
    selector.put("sensorName", name);
    return selector;
  }

  private static Map<String, Object> instigation(String location, String name) {
    Map<String, Object> selector = repository(location);
    selector.put("name", name);
    return selector;
  }

  private static Object byName(Object list, String name) {
    return Gql.list(list).stream()
        .filter(item -> name.equals(at(item, "name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + list));
  }

  private static Instant instant(Object seconds) {
    return Times.fromSeconds(((Number) seconds).doubleValue());
  }
}
