package io.pipewright.sdk.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.DefinitionError;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.DefinitionsException;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.In;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.resource.ResourceDefinition;
import io.pipewright.sdk.types.Types;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class DefinitionsValidationTest {

  private static List<DefinitionError> errorsOf(Definitions.Builder builder) {
    try {
      builder.build();
    } catch (DefinitionsException e) {
      return e.errors();
    }
    throw new AssertionError("expected DefinitionsException");
  }

  @Test
  void shouldReportEveryProblemAtOnceEachWithElementProblemAndFix() {
    OpDefinition needsDb =
        OpDefinition.builder("needs_db").requiredResources("db").compute((ctx, in) -> 1).build();
    OpDefinition odd =
        OpDefinition.builder("odd")
            .output(Out.of("result").withIoManager("s3"))
            .compute((ctx, in) -> 1)
            .build();
    OpDefinition takesInt =
        OpDefinition.builder("takes_int").input("x", Types.INT).compute((ctx, in) -> 1).build();
    OpDefinition givesString =
        OpDefinition.builder("gives_string").output(Types.STRING).compute((ctx, in) -> "a").build();
    GraphDefinition miswired =
        GraphDefinition.builder("miswired")
            .compose(
                g -> {
                  var s = g.add(givesString);
                  g.add(takesInt).in("x", s.out());
                  g.add("unknown_input", takesInt).in("y", s.out());
                })
            .build();
    GraphDefinition cyclic =
        GraphDefinition.builder("cyclic")
            .compose(
                g -> {
                  var a = g.add("a", Fixtures.addOne("add_one"));
                  var b = g.add("b", Fixtures.addOne("add_one")).in("x", a.out());
                  a.in("x", b.out());
                })
            .build();
    List<DefinitionError> errors =
        errorsOf(
            Definitions.builder()
                .job(JobDefinition.builder("uses_db", needsDb).build())
                .job(JobDefinition.builder("uses_db", needsDb).build())
                .job(JobDefinition.builder("odd_io", odd).build())
                .job(JobDefinition.builder("miswired_job", miswired).build())
                .job(JobDefinition.builder("cyclic_job", cyclic).build())
                .job(
                    JobDefinition.builder("bad name!", needsDb)
                        .resource("db", ResourceDefinition.of("x"))
                        .build()));

    assertThat(errors)
        .extracting(DefinitionError::message)
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(
                        "job 'uses_db'",
                        "op 'needs_db'",
                        "requires resource 'db'",
                        "Fix: bind it"));
    assertThat(errors)
        .extracting(DefinitionError::message)
        .anySatisfy(m -> assertThat(m).contains("two jobs have this name"));
    assertThat(errors)
        .extracting(DefinitionError::message)
        .anySatisfy(m -> assertThat(m).contains("IO manager 's3'"));
    assertThat(errors)
        .extracting(DefinitionError::message)
        .anySatisfy(m -> assertThat(m).contains("node 'takes_int' > input 'x'", "Int", "String"));
    assertThat(errors)
        .extracting(DefinitionError::message)
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("node 'unknown_input' > input 'y'", "no input of this name"));
    assertThat(errors)
        .extracting(DefinitionError::message)
        .anySatisfy(
            m -> assertThat(m).contains("node 'unknown_input' > input 'x'", "not connected"));
    assertThat(errors)
        .extracting(DefinitionError::message)
        .anySatisfy(m -> assertThat(m).contains("cycle", "a", "b"));
    assertThat(errors)
        .extracting(DefinitionError::message)
        .anySatisfy(m -> assertThat(m).contains("job 'bad name!'", "not valid"));
    assertThat(errors).allSatisfy(e -> assertThat(e.fix()).isNotBlank());
  }

  @Test
  void shouldReportDuplicateAliasesInvalidNamesAndMissingComputeOfOps() {
    OpDefinition noBody =
        OpDefinition.builder("no-body").input(In.of("x")).input(In.of("x")).build();
    GraphDefinition dup =
        GraphDefinition.builder("dup")
            .compose(
                g -> {
                  g.add(Fixtures.constant("c", 1));
                  g.add(Fixtures.constant("c", 2));
                })
            .build();
    List<DefinitionError> errors =
        errorsOf(
            Definitions.builder()
                .job(JobDefinition.builder("no_body_job", noBody).build())
                .job(JobDefinition.builder("dup_job", dup).build()));

    assertThat(errors)
        .extracting(DefinitionError::message)
        .anySatisfy(m -> assertThat(m).contains("op 'no-body'", "name is not valid"))
        .anySatisfy(m -> assertThat(m).contains("no compute function"))
        .anySatisfy(m -> assertThat(m).contains("two inputs have this name"))
        .anySatisfy(m -> assertThat(m).contains("node 'c'", "two nodes have this alias"));
  }

  @Test
  void shouldRejectAMappedNodeFedByTwoDynamicOutputs() {
    OpDefinition two =
        OpDefinition.builder("two")
            .output(Out.dynamic("a", Types.INT))
            .output(Out.dynamic("b", Types.INT))
            .compute((ctx, in) -> null)
            .build();
    OpDefinition both =
        OpDefinition.builder("both")
            .input("x", Types.INT)
            .input("y", Types.INT)
            .compute((ctx, in) -> 1)
            .build();
    GraphDefinition g =
        GraphDefinition.builder("g")
            .compose(
                b -> {
                  var t = b.add(two);
                  b.add(both).in("x", t.out("a")).in("y", t.out("b"));
                })
            .build();

    assertThatThrownBy(
            () -> Definitions.builder().job(JobDefinition.builder("j", g).build()).build())
        .isInstanceOf(DefinitionsException.class)
        .hasMessageContaining("mapped over several dynamic outputs");
  }

  @Test
  void shouldShareTopLevelResourcesAndNameKnownJobsForAnUnknownOne() {
    OpDefinition needsDb =
        OpDefinition.builder("needs_db").requiredResources("db").compute((ctx, in) -> 1).build();
    Definitions defs =
        Definitions.builder()
            .job(JobDefinition.builder("uses_db", needsDb).build())
            .resource("db", ResourceDefinition.of("connection"))
            .build();

    assertThat(defs.job("uses_db").resources()).containsKey("db");
    assertThatThrownBy(() -> defs.job("nope"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("uses_db");
  }

  @Test
  void shouldRejectAnInvalidOpSelectionAndAnInvalidDefaultConfig() {
    record Cfg(int n) {}
    OpDefinition configured =
        OpDefinition.builder("configured").config(Cfg.class).compute((ctx, in) -> 1).build();
    List<DefinitionError> errors =
        errorsOf(
            Definitions.builder()
                .job(
                    JobDefinition.builder("j", configured)
                        .opSelection("+*nope")
                        .config(
                            io.pipewright.sdk.config.RunConfig.builder()
                                .opConfig("configured", java.util.Map.of("n", "x"))
                                .build())
                        .build()));

    assertThat(errors)
        .extracting(DefinitionError::message)
        .anySatisfy(m -> assertThat(m).contains("op selection"))
        .anySatisfy(m -> assertThat(m).contains("default config", "ops.configured.config.n"));
  }
}
