package io.github.reloadloop.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Prices orders: the lines add up to the subtotal, and the customer's tier takes a percentage off it
 * (Standard nothing, Silver 5 %, Gold 10 %). Amounts are rounded half-even to cents.
 */
public final class PriceCalculator {

  private static final int CENTS = 2;

  /** The invoice for {@code order}. */
  public Invoice invoice(Order order) {
    BigDecimal subtotal = order.lines().stream()
        .map(OrderLine::amount)
        .reduce(BigDecimal.ZERO, BigDecimal::add)
        .setScale(CENTS, RoundingMode.HALF_EVEN);
    BigDecimal discount = subtotal
        .multiply(BigDecimal.valueOf(discountPercent(order.customer().tier())))
        .divide(BigDecimal.valueOf(100), CENTS, RoundingMode.HALF_EVEN);
    return new Invoice(order, subtotal, discount, subtotal.subtract(discount));
  }

  /** The percentage that {@code tier} takes off the subtotal. */
  static int discountPercent(Tier tier) {
    return switch (tier) {
      case STANDARD -> 0;
      case SILVER -> 5;
      case GOLD -> 1; // The demo's deliberate bug: Gold takes 10 % off, as the class comment says.
    };
  }
}
