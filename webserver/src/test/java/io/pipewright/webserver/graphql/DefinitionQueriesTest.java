package io.pipewright.webserver.graphql;

import static io.pipewright.webserver.graphql.Gql.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.webserver.testlocation.TestLocationPorts;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The definition queries: the workspace, jobs with their ops, dependencies and handles, config
 * schemas, config validation and execution plans, each checked against the test location's
 * definitions, and their errors as data.
 */
@QuarkusTest
@WithTestResource(value = PrivatePostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestLocationPorts.class, scope = TestResourceScope.GLOBAL)
class DefinitionQueriesTest {

  private static final String PIPELINE =
      """
      query($sel: PipelineSelector!) {
        pipelineOrError(params: $sel) {
          __typename
          ... on Pipeline {
            name description graphName isJob isAssetJob pipelineSnapshotId nodeNames
            tags { key value }
            modes { name }
            repository { name location { name } }
            dagsterTypes { key isList isNothing }
            solids {
              name isDynamicMapped
              definition {
                __typename name
                ... on SolidDefinition {
                  configField { isRequired configType { key
                    ... on CompositeConfigType { fields { name isRequired configTypeKey defaultValueAsJson } } } }
                }
                ... on CompositeSolidDefinition {
                  solids { name }
                  inputMappings { mappedInput { solid { name } definition { name } } definition { name } }
                  outputMappings { mappedOutput { solid { name } definition { name } } definition { name } }
                }
              }
              inputs { definition { name type { displayName isList } } dependsOn { solid { name } definition { name } } }
              outputs { definition { name } dependedBy { solid { name } definition { name } } }
            }
            solidHandles { handleID parent { handleID } }
            solidHandle(handleID: "clean.double_rows") { handleID solid { name } parent { handleID } }
          }
          ... on PipelineNotFoundError { message pipelineName repositoryName repositoryLocationName }
          ... on InvalidSubsetError { message pipeline { name } }
        }
      }
      """;

  @TestHTTPResource("/")
  URL root;

  private Gql gql;

  @BeforeEach
  void awaitWorkspace() {
    gql = new Gql(root);
    gql.awaitTestLocationLoaded();
  }

  @Test
  void shouldListEveryLocationWithItsRepositoryOrItsErrorWhenTheWorkspaceIsQueried() {
    Map<String, Object> data =
        gql.data(
            """
            { workspaceOrError { __typename ... on Workspace { locationEntries {
                name loadStatus updatedTimestamp
                locationOrLoadError { __typename
                  ... on RepositoryLocation { name serverId repositories { name jobs { name } } }
                  ... on PythonError { message className } } } } } }
            """,
            null);

    List<?> entries = Gql.list(at(data, "workspaceOrError.locationEntries"));
    assertThat(entries).extracting(e -> at(e, "name")).containsExactly("down", "test");
    assertThat(at(entries, "0.locationOrLoadError.__typename")).isEqualTo("PythonError");
    assertThat((String) at(entries, "0.locationOrLoadError.message")).contains("'down'");
    assertThat(at(entries, "1.loadStatus")).isEqualTo("LOADED");
    assertThat(at(entries, "1.locationOrLoadError.repositories.0.name"))
        .isEqualTo("__repository__");
    assertThat(at(entries, "1.locationOrLoadError.repositories.0.jobs.0.name")).isEqualTo("etl");
    assertThat((String) at(entries, "1.locationOrLoadError.serverId")).isNotBlank();
    assertThat((Double) at(entries, "1.updatedTimestamp")).isGreaterThan(1.7e9);
  }

  @Test
  void shouldAnswerRepositoryNotFoundWhenARepositoryIsUnknown() {
    Map<String, Object> data =
        gql.data(
            """
            { repositoryOrError(repositorySelector: {repositoryLocationName: "test", repositoryName: "other"}) {
                __typename ... on RepositoryNotFoundError { message repositoryName } } }
            """,
            null);

    assertThat(at(data, "repositoryOrError.__typename")).isEqualTo("RepositoryNotFoundError");
    assertThat((String) at(data, "repositoryOrError.message"))
        .contains("has one repository, named __repository__");
  }

  @Test
  void shouldDescribeOpsDependenciesAndNestedGraphsWhenAJobIsQueried() {
    Map<String, Object> data = gql.data(PIPELINE, Map.of("sel", selector("etl", null)));

    Object job = at(data, "pipelineOrError");
    assertThat(at(job, "__typename")).isEqualTo("Pipeline");
    assertThat(at(job, "graphName")).isEqualTo("etl_graph");
    assertThat(at(job, "tags")).isEqualTo(List.of(Map.of("key", "team", "value", "data")));
    assertThat(at(job, "modes.0.name")).isEqualTo("default");
    assertThat(at(job, "repository.location.name")).isEqualTo("test");
    assertThat(at(job, "nodeNames")).isEqualTo(List.of("extract", "clean", "load"));
    assertThat((String) at(job, "pipelineSnapshotId")).hasSize(64);

    Object extract = at(job, "solids.0");
    assertThat(at(extract, "definition.__typename")).isEqualTo("SolidDefinition");
    assertThat(at(extract, "definition.configField.isRequired")).isEqualTo(true);
    List<?> fields = Gql.list(at(extract, "definition.configField.configType.fields"));
    assertThat(fields).extracting(f -> at(f, "name")).containsExactly("limit", "source");
    assertThat(at(fields, "0.configTypeKey")).isEqualTo("Int");
    assertThat(at(fields, "1.isRequired")).isEqualTo(false);
    assertThat(at(fields, "1.defaultValueAsJson")).isEqualTo("\"demo\"");
    assertThat(at(extract, "outputs.0.dependedBy.0.solid.name")).isEqualTo("clean");

    Object clean = at(job, "solids.1");
    assertThat(at(clean, "definition.__typename")).isEqualTo("CompositeSolidDefinition");
    assertThat(at(clean, "definition.solids.0.name")).isEqualTo("double_rows");
    assertThat(at(clean, "definition.inputMappings.0.mappedInput.solid.name"))
        .isEqualTo("double_rows");
    assertThat(at(clean, "definition.outputMappings.0.definition.name")).isEqualTo("result");
    assertThat(at(clean, "inputs.0.dependsOn.0.solid.name")).isEqualTo("extract");
    assertThat(at(clean, "inputs.0.definition.type.isList")).isEqualTo(true);

    List<String> handles = new ArrayList<>();
    (Gql.list(at(job, "solidHandles"))).forEach(h -> handles.add((String) at(h, "handleID")));
    assertThat(handles).containsExactly("extract", "clean", "clean.double_rows", "load");
    assertThat(at(job, "solidHandle.solid.name")).isEqualTo("double_rows");
    assertThat(at(job, "solidHandle.parent.handleID")).isEqualTo("clean");
    assertThat(Gql.list(at(job, "dagsterTypes"))).extracting(t -> at(t, "key")).contains("Nothing");
  }

  @Test
  void shouldAnswerPipelineNotFoundWithTheReasonWhenTheJobCannotBeUsed() {
    Object unknownJob =
        at(gql.data(PIPELINE, Map.of("sel", selector("nope", null))), "pipelineOrError");
    Map<String, Object> downSelector = selector("etl", null);
    downSelector.put("repositoryLocationName", "down");
    Object down = at(gql.data(PIPELINE, Map.of("sel", downSelector)), "pipelineOrError");

    assertThat(at(unknownJob, "__typename")).isEqualTo("PipelineNotFoundError");
    assertThat(at(unknownJob, "pipelineName")).isEqualTo("nope");
    assertThat(at(unknownJob, "repositoryLocationName")).isEqualTo("test");
    assertThat((String) at(unknownJob, "message"))
        .contains("has no job 'nope' (it has etl, hello, numbers_job)");
    assertThat(at(down, "__typename")).isEqualTo("PipelineNotFoundError");
    assertThat((String) at(down, "message")).contains("code location 'down' is not loaded");
  }

  @Test
  void shouldAnswerInvalidSubsetWhenTheOpSelectionSelectsNothing() {
    Object result =
        at(
            gql.data(PIPELINE, Map.of("sel", selector("etl", List.of("nothing_here")))),
            "pipelineOrError");

    assertThat(at(result, "__typename")).isEqualTo("InvalidSubsetError");
    assertThat((String) at(result, "message")).isNotBlank();
    assertThat(at(result, "pipeline.name")).isEqualTo("etl");
  }

  @Test
  void shouldValidateConfigInTheCodeLocationAndNameTheMissingField() {
    String query =
        """
        query($sel: PipelineSelector!, $config: RunConfigData) {
          isPipelineConfigValid(pipeline: $sel, mode: "default", runConfigData: $config) {
            __typename
            ... on PipelineConfigValidationValid { pipelineName }
            ... on RunConfigValidationInvalid { pipelineName errors { __typename message path reason
              stack { entries { __typename ... on EvaluationStackPathEntry { fieldName } } }
              ... on MissingFieldConfigError { field { name configTypeKey } } } }
          }
        }
        """;
    Object valid =
        at(
            gql.data(
                query,
                Map.of(
                    "sel", selector("etl", null),
                    "config",
                        Map.of("ops", Map.of("extract", Map.of("config", Map.of("limit", 3)))))),
            "isPipelineConfigValid");
    Object missing =
        at(
            gql.data(
                query,
                Map.of(
                    "sel", selector("etl", null),
                    "config", Map.of("ops", Map.of("extract", Map.of("config", Map.of()))))),
            "isPipelineConfigValid");

    assertThat(at(valid, "__typename")).isEqualTo("PipelineConfigValidationValid");
    assertThat(at(valid, "pipelineName")).isEqualTo("etl");
    assertThat(at(missing, "__typename")).isEqualTo("RunConfigValidationInvalid");
    Object error = at(missing, "errors.0");
    assertThat(at(error, "__typename")).isEqualTo("MissingFieldConfigError");
    assertThat(at(error, "reason")).isEqualTo("MISSING_REQUIRED_FIELD");
    assertThat(at(error, "path")).isEqualTo(List.of("ops", "extract", "config"));
    assertThat(at(error, "stack.entries.1.fieldName")).isEqualTo("extract");
    assertThat(at(error, "field.name")).isEqualTo("limit");
    assertThat(at(error, "field.configTypeKey")).isEqualTo("Int");
  }

  @Test
  void shouldDescribeTheRunConfigSchemaWithItsTypesAndDefaults() {
    Map<String, Object> data =
        gql.data(
            """
            query($sel: PipelineSelector!) { runConfigSchemaOrError(selector: $sel, mode: "default") {
              __typename
              ... on RunConfigSchema { rootDefaultYaml rootConfigType { key __typename }
                allConfigTypes { key }
                isRunConfigValid(runConfigData: {ops: {extract: {config: {limit: "x"}}}}) { __typename } } } }
            """,
            Map.of("sel", selector("etl", null)));

    Object schema = at(data, "runConfigSchemaOrError");
    assertThat(at(schema, "__typename")).isEqualTo("RunConfigSchema");
    assertThat((String) at(schema, "rootConfigType.key")).startsWith("Shape.");
    assertThat(at(schema, "rootConfigType.__typename")).isEqualTo("CompositeConfigType");
    assertThat(Gql.list(at(schema, "allConfigTypes")))
        .extracting(t -> at(t, "key"))
        .contains("Int", "String");
    assertThat(at(schema, "isRunConfigValid.__typename")).isEqualTo("RunConfigValidationInvalid");
    assertThat((String) at(schema, "rootDefaultYaml")).startsWith("{");
  }

  @Test
  void shouldPlanTheStepsInTheCodeLocationWithTheirDependencies() {
    Map<String, Object> data =
        gql.data(
            """
            query($sel: PipelineSelector!) {
              executionPlanOrError(pipeline: $sel, mode: "default",
                  runConfigData: "{\\"ops\\": {\\"extract\\": {\\"config\\": {\\"limit\\": 1}}}}") {
                __typename
                ... on ExecutionPlan { steps { key kind solidHandleID inputs { name dependsOn { key } } outputs { name } } }
              } }
            """,
            Map.of("sel", selector("etl", null)));

    List<?> steps = Gql.list(at(data, "executionPlanOrError.steps"));
    assertThat(steps)
        .extracting(s -> at(s, "key"))
        .containsExactly("extract", "clean.double_rows", "load");
    assertThat(at(steps, "1.kind")).isEqualTo("COMPUTE");
    assertThat(at(steps, "1.inputs.0.dependsOn.0.key")).isEqualTo("extract");
  }

  static Map<String, Object> selector(String job, List<String> opSelection) {
    Map<String, Object> selector = new java.util.LinkedHashMap<>();
    selector.put("repositoryLocationName", "test");
    selector.put("repositoryName", "__repository__");
    selector.put("pipelineName", job);
    selector.put("solidSelection", opSelection);
    return selector;
  }
}
