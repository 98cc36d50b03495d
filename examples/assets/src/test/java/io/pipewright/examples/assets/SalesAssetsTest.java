package io.pipewright.examples.assets;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.testing.RunAssertions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SalesAssetsTest {

  @Test
  void shouldMaterializeThePartitionedGraphDayByDayThenEverything(@TempDir Path storage) {
    Definitions defs = SalesAssets.definitions(storage);
    double sum = 0;
    for (String day : List.of("2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04")) {
      ExecutionResult daily = JobExecution.of(defs.job("daily_sales")).partitionKey(day).execute();
      RunAssertions.assertThat(daily)
          .succeeded()
          .stepSucceeded("check__raw__orders__no_negative_amounts");
      sum += (Double) daily.assetValue(SalesAssets.DAILY_REVENUE, day);
    }

    ExecutionResult all = JobExecution.materialize(defs, "*").partitionKey("2026-01-05").execute();

    RunAssertions.assertThat(all)
        .succeeded()
        .stepSucceeded("reports__sales_report.figures")
        .stepSucceeded("reports__sales_report.render")
        .stepSucceeded("observe__vendor__exchange_rates");
    assertThat(all.eventsOfType(EventType.ASSET_CHECK_EVALUATION)).hasSize(4);
    assertThat(all.eventsOfType(EventType.ASSET_OBSERVATION)).hasSize(1);
    double week = (Double) all.assetValue(SalesAssets.REVENUE_7D, "2026-01-05");
    sum += (Double) all.assetValue(SalesAssets.DAILY_REVENUE, "2026-01-05");
    assertThat(week).isEqualTo(sum);
    assertThat((String) all.assetValue(SalesAssets.REPORT)).startsWith("# Revenue by segment");
    assertThat(((Map<?, ?>) all.assetValue(SalesAssets.BY_SEGMENT)).keySet().toString())
        .contains("retail", "business");
  }

  @Test
  void shouldMaterializeOnlyTheActiveCustomersOfTheSubsettableMultiAsset(@TempDir Path storage) {
    Definitions defs = SalesAssets.definitions(storage);

    ExecutionResult result =
        JobExecution.materialize(defs, "raw/customers or crm/active_customers").execute();

    assertThat(result.eventsOfType(EventType.ASSET_MATERIALIZATION)).hasSize(2);
    assertThat((List<?>) result.assetValue(SalesAssets.ACTIVE)).hasSize(5);
  }
}
