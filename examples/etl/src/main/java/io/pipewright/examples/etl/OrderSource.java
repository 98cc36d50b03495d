package io.pipewright.examples.etl;

import java.util.ArrayList;
import java.util.List;

/** Generates the example's orders deterministically, so runs and tests are repeatable. */
final class OrderSource {
  private OrderSource() {}

  static List<Order> read(ExtractConfig config) {
    List<Order> orders = new ArrayList<>(config.limit());
    List<String> regions = config.regions();
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
      orders.add(
          new Order(
              id, regions.get(i % regions.size()), amount, i % 7 == 0 ? "cancelled" : "paid"));
    }
    return orders;
  }
}
