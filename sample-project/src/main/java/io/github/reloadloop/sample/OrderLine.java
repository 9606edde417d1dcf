package io.github.reloadloop.sample;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One product on an order.
 *
 * @param product what is bought
 * @param unitPrice price of one item
 * @param quantity how many, at least one
 */
public record OrderLine(String product, BigDecimal unitPrice, int quantity) {

  public OrderLine {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(unitPrice, "unitPrice");
    if (unitPrice.signum() < 0) {
      throw new IllegalArgumentException("unit price of " + product + " is negative: " + unitPrice);
    }
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity of " + product + " must be at least 1, was " + quantity);
    }
  }

  /** A line for {@code quantity} items at {@code unitPrice}, written as a decimal string such as {@code "4.50"}. */
  public static OrderLine of(String product, String unitPrice, int quantity) {
    return new OrderLine(product, new BigDecimal(unitPrice), quantity);
  }

  /** Unit price times quantity. */
  public BigDecimal amount() {
    return unitPrice.multiply(BigDecimal.valueOf(quantity));
  }
}
