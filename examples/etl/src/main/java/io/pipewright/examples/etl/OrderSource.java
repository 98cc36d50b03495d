package io.pipewright.examples.etl;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The example's source system and its reader. The source exports orders as CSV, generated
 * deterministically so that runs and tests are repeatable; {@code extract} parses that export.
 *
 * <p>Both sides use Apache Commons CSV 1.8, this code location's version, through its pre-1.9 API
 * ({@code CSVFormat.withHeader}, {@code withFirstRecordAsHeader}), which later versions deprecate
 * in favour of {@code CSVFormat.Builder}. The assets example uses 1.14.1 and that builder: each
 * code location is its own application with its own class path.
 */
final class OrderSource {
  private OrderSource() {}

  private static final String[] HEADER = {"id", "region", "amount", "status"};

  static List<Order> read(ExtractConfig config) {
    return parse(export(config));
  }

  /** The source system's export: a header line, then one line per order. */
  static String export(ExtractConfig config) {
    StringBuilder csv = new StringBuilder();
    List<String> regions = config.regions();
    try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.DEFAULT.withHeader(HEADER))) {
      for (int i = 0; i < config.limit(); i++) {
        // Every tenth order repeats the previous id, for dedupe to remove.
        String id = "o" + (i % 10 == 9 ? i : i + 1);
        double amount = ((i * 37) % 100) / 2.0;
        boolean broken =
            config.source() == ExtractConfig.Source.BROKEN_EXPORT
                || (config.source() == ExtractConfig.Source.DEMO_WITH_ERRORS && i % 5 == 4);
        if (broken) {
          amount = -amount - 1;
        }
        printer.printRecord(
            id, regions.get(i % regions.size()), amount, i % 7 == 0 ? "cancelled" : "paid");
      }
    } catch (IOException e) {
      // A StringBuilder does not fail; CSVPrinter declares it for files and sockets.
      throw new UncheckedIOException(e);
    }
    return csv.toString();
  }

  /** Reads an export: the columns by their header names, the amount as a number. */
  static List<Order> parse(String csv) {
    List<Order> orders = new ArrayList<>();
    try (CSVParser parser =
        CSVFormat.DEFAULT.withFirstRecordAsHeader().parse(new StringReader(csv))) {
      for (CSVRecord row : parser) {
        orders.add(
            new Order(
                row.get("id"),
                row.get("region"),
                Double.parseDouble(row.get("amount")),
                row.get("status")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("The orders export is not valid CSV: " + e.getMessage(), e);
    }
    return orders;
  }
}
