package io.pipewright.webserver.testlocation;

import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.In;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.types.Types;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The definitions the test code location serves: {@code etl} (config, a nested graph, a dependency
 * chain) and {@code hello} (one op, no config).
 */
@ApplicationScoped
public class TestDefinitions {

  static final OpDefinition EXTRACT =
      OpDefinition.builder("extract")
          .description("Reads rows.")
          .config(ExtractConfig.class)
          .output(Types.list(Types.INT))
          .tag("kind", "source")
          .compute((ctx, in) -> List.of(1, 2, 3))
          .build();

  static final OpDefinition DOUBLE =
      OpDefinition.builder("double_rows")
          .input("rows", Types.list(Types.INT))
          .output(Types.list(Types.INT))
          .compute((ctx, in) -> in.getList("rows", Integer.class).stream().map(i -> 2 * i).toList())
          .build();

  static final GraphDefinition CLEAN =
      GraphDefinition.builder("clean")
          .description("Doubles the rows.")
          .compose(
              g -> {
                var rows = g.input(In.of("rows", Types.list(Types.INT)));
                var doubled = g.add(DOUBLE).in("rows", rows);
                g.output("result", doubled.out());
              })
          .build();

  static final OpDefinition LOAD =
      OpDefinition.builder("load")
          .input("rows", Types.list(Types.INT))
          .output(Types.NOTHING)
          .compute((ctx, in) -> null)
          .build();

  static final GraphDefinition ETL_GRAPH =
      GraphDefinition.builder("etl_graph")
          .compose(
              g -> {
                var extract = g.add(EXTRACT);
                var clean = g.add(CLEAN).in("rows", extract.out());
                g.add(LOAD).in("rows", clean.out());
              })
          .build();

  /** The ETL job: config on extract, a nested graph, tags. */
  public static final JobDefinition ETL =
      JobDefinition.builder("etl", ETL_GRAPH)
          .description("Extracts, cleans and loads rows.")
          .tag("team", "data")
          .build();

  /** A job of one op without config. */
  public static final JobDefinition HELLO =
      JobDefinition.builder(
              "hello",
              OpDefinition.builder("say_hello").noOutputs().compute((ctx, in) -> null).build())
          .build();

  /**
   * Produces the definitions, as a user's code location app does.
   *
   * @return the definitions
   */
  @Produces
  @Singleton
  Definitions definitions() {
    return Definitions.builder().jobs(ETL, HELLO).build();
  }
}
