package io.pipewright.examples.etl.docs;

import static io.pipewright.examples.etl.docs.DocOps.LOAD_ORDERS;
import static io.pipewright.examples.etl.docs.DocOps.READ_ORDERS;
import static io.pipewright.examples.etl.docs.DocOps.dailyOrdersJob;
import static io.pipewright.examples.etl.docs.DynamicDocTest.regionTotalsJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.examples.etl.Alerts;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.DefinitionsException;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.resource.ResourceDefinition;
import org.junit.jupiter.api.Test;

/** Runs the snippets of the "Definitions" section of {@code docs/concepts.md}. */
class DefinitionsDocTest {

  // tag::definitions[]
  static Definitions definitions(Alerts alerts) {
    return Definitions.builder()
        .jobs(dailyOrdersJob(), regionTotalsJob())
        .resource("alerts", ResourceDefinition.of(alerts)) // shared by every job
        .build(); // validates everything; throws DefinitionsException listing every problem
  }

  // end::definitions[]

  @Test
  void shouldExposeTheJobsWithTheSharedResourcesWhenBuilt() {
    Definitions defs = definitions(new Alerts());

    assertThat(defs.jobNames()).containsExactly("daily_orders_job", "region_totals_job");
    assertThat(defs.job("region_totals_job").resources()).containsKey("alerts");
    assertThatThrownBy(() -> defs.job("daily_orders"))
        .hasMessage(
            "No job named 'daily_orders'. Jobs in these definitions: daily_orders_job,"
                + " region_totals_job.");
  }

  @Test
  void shouldListEveryProblemWhenTheDefinitionsAreInvalid() throws Exception {
    // tag::definitions-errors[]
    String message = null;
    GraphDefinition broken =
        GraphDefinition.builder("broken")
            .compose(
                g -> {
                  var raw = g.add(READ_ORDERS);
                  g.add(LOAD_ORDERS).in("rows", raw.out()); // load_orders has no input "rows"
                })
            .build();
    try {
      Definitions.builder().job(JobDefinition.builder("broken_job", broken).build()).build();
    } catch (DefinitionsException e) {
      message = e.getMessage();
    }
    // end::definitions-errors[]

    assertThat(message).contains("input 'rows'", "input 'orders'");
    ConceptsDocTest.assertDocShowsOutput("definitions-errors", message);
  }
}
