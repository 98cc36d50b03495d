package io.pipewright.examples.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;

/**
 * This location runs with Apache Commons CSV 1.8, while examples/assets runs with 1.14.1: each code
 * location is its own application with its own class path. {@code EtlLocationServerTest} checks the
 * same inside the running application.
 */
class CsvLibraryVersionTest {

  @Test
  void shouldLoadCommonsCsv18FromItsOwnJarWhenTheEtlLocationRuns() {
    assertThat(CSVFormat.class.getPackage().getImplementationVersion()).isEqualTo("1.8");
    assertThat(CSVFormat.class.getProtectionDomain().getCodeSource().getLocation().getPath())
        .endsWith("commons-csv-1.8.jar");
    // CSVFormat.Builder came with 1.9; the assets location parses with it.
    assertThatThrownBy(() -> Class.forName("org.apache.commons.csv.CSVFormat$Builder"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void shouldReadBackEveryOrderWhenTheSourceExportsCsvWithQuotedFields() {
    ExtractConfig config =
        new ExtractConfig(
            12, List.of("north", "south, \"coast\""), ExtractConfig.Source.DEMO_WITH_ERRORS, 0);

    String csv = OrderSource.export(config);
    List<Order> orders = OrderSource.parse(csv);

    assertThat(csv).startsWith("id,region,amount,status").contains("\"south, \"\"coast\"\"\"");
    assertThat(orders).hasSize(12);
    assertThat(orders.get(1)).isEqualTo(new Order("o2", "south, \"coast\"", 18.5, "paid"));
    assertThat(orders.get(4).amount()).isNegative();
  }
}
