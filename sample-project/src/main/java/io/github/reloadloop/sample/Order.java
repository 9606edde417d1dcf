package io.github.reloadloop.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a customer buys in one go.
 *
 * @param customer who orders
 * @param lines the products, in the order they were added
 */
public record Order(Customer customer, List<OrderLine> lines) {

  public Order {
    Objects.requireNonNull(customer, "customer");
    lines = List.copyOf(lines);
  }

  /** An order of {@code customer} with no lines yet. */
  public static Order of(Customer customer) {
    return new Order(customer, List.of());
  }

  /** A copy of this order with one more line. */
  public Order with(OrderLine line) {
    List<OrderLine> more = new ArrayList<>(lines);
    more.add(line);
    return new Order(customer, more);
  }

  /** The number of items over all lines. */
  public int itemCount() {
    return lines.stream().mapToInt(OrderLine::quantity).sum();
  }
}
