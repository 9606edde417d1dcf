package io.github.reloadloop.sample;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What the customer pays for an order, with two decimal places throughout.
 *
 * @param order what was bought
 * @param subtotal the sum of the lines
 * @param discount what the customer's tier takes off
 * @param total subtotal minus discount
 */
public record Invoice(Order order, BigDecimal subtotal, BigDecimal discount, BigDecimal total) {

  /** The invoice as printable lines: one per order line, then subtotal, discount and total. */
  public List<String> lines() {
    List<String> text = new ArrayList<>();
    text.add("Invoice for " + order.customer().name() + " (" + order.customer().tier() + ")");
    order.lines().forEach(line -> text.add(String.format("  %-20s %3d x %8s = %9s",
        line.product(), line.quantity(), line.unitPrice(), line.amount())));
    text.add(String.format("  %-36s %9s", "subtotal", subtotal));
    text.add(String.format("  %-36s %9s", "discount", discount.negate()));
    text.add(String.format("  %-36s %9s", "total", total));
    return text;
  }
}
