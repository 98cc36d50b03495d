package io.pipewright.examples.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;

/**
 * This location runs with Apache Commons CSV 1.14.1, while examples/etl runs with 1.8: each code
 * location is its own application with its own class path. {@code SalesLocationServerTest} checks
 * the same inside the running application.
 */
class CsvLibraryVersionTest {

  @Test
  void shouldLoadCommonsCsv1141FromItsOwnJarWhenTheAssetsLocationRuns() throws Exception {
    assertThat(CSVFormat.class.getPackage().getImplementationVersion()).isEqualTo("1.14.1");
    assertThat(CSVFormat.class.getProtectionDomain().getCodeSource().getLocation().getPath())
        .endsWith("commons-csv-1.14.1.jar");
    // CSVFormat.Builder.get() came with 1.13; the ETL location's 1.8 has no builder at all.
    assertThat(CSVFormat.Builder.class.getMethod("get").getReturnType()).isEqualTo(CSVFormat.class);
  }

  @Test
  void shouldReadEveryCustomerOfTheCrmExportSkippingCommentsAndSurroundingSpaces() {
    List<Customer> customers = CrmExport.parse(CrmExport.CURRENT);

    assertThat(customers).hasSize(6);
    assertThat(customers.get(0)).isEqualTo(new Customer("c0", "retail", true));
    assertThat(customers.get(5)).isEqualTo(new Customer("c5", "business", false));
    assertThat(CrmExport.parse("id,segment,status\n c9 , \"retail, online\" , active\n"))
        .containsExactly(new Customer("c9", "retail, online", true));
  }

  @Test
  void shouldNameTheLineWhenAStatusIsUnknown() {
    assertThatThrownBy(
            () -> CrmExport.parse("id,segment,status\nc1,retail,active\nc2,retail,gone\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("'gone'");
  }
}
