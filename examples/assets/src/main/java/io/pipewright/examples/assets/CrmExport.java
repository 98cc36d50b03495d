package io.pipewright.examples.assets;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The CRM's customer export, and its reader.
 *
 * <p>Parsed with Apache Commons CSV 1.14.1, this code location's version, through {@code
 * CSVFormat.Builder} and its {@code get()} (1.13+). The ETL example uses 1.8, which has no builder:
 * each code location is its own application with its own class path, so neither has to move to the
 * other's version.
 */
final class CrmExport {
  private CrmExport() {}

  /** The CRM's current export; in a real location it would come from the CRM's API. */
  static final String CURRENT =
      """
      # CRM export: one customer per line
      id,segment,status
      c0,retail,active
      c1,business,active
      c2,retail,active
      c3,business,active
      c4,retail,active
      c5,business,churned
      """;

  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT
          .builder()
          .setCommentMarker('#')
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreEmptyLines(true)
          .setIgnoreSurroundingSpaces(true)
          .get();

  /**
   * Reads an export.
   *
   * @param csv the export: a header line {@code id,segment,status}, then one customer per line
   * @return the customers, in the export's order
   * @throws IllegalArgumentException when a status is neither {@code active} nor {@code churned}
   */
  static List<Customer> parse(String csv) {
    List<Customer> customers = new ArrayList<>();
    try (CSVParser parser = FORMAT.parse(new StringReader(csv))) {
      for (CSVRecord row : parser) {
        String status = row.get("status");
        if (!status.equals("active") && !status.equals("churned")) {
          throw new IllegalArgumentException(
              "CRM export line "
                  + parser.getCurrentLineNumber()
                  + ": status must be 'active' or 'churned', got '"
                  + status
                  + "'");
        }
        customers.add(new Customer(row.get("id"), row.get("segment"), status.equals("active")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("The CRM export is not valid CSV: " + e.getMessage(), e);
    }
    return customers;
  }
}
