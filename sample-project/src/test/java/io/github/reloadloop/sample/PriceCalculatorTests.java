package io.github.reloadloop.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.reloadloop.junit.ReloadLoop;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// Gold customers are priced in GoldDiscountDemoTests, which only the demo runs.
@ExtendWith(ReloadLoop.class)
class PriceCalculatorTests {

  private final PriceCalculator calculator = new PriceCalculator();

  @Test
  void standardCustomer_severalLines_paysTheSumOfTheLines() {
    Order order = Order.of(new Customer("Alan", Tier.STANDARD))
        .with(OrderLine.of("notebook", "3.20", 5))
        .with(OrderLine.of("fountain pen", "24.90", 1));

    Invoice invoice = calculator.invoice(order);

    assertEquals(new BigDecimal("40.90"), invoice.subtotal());
    assertEquals(new BigDecimal("0.00"), invoice.discount());
    assertEquals(new BigDecimal("40.90"), invoice.total());
  }

  @Test
  void silverCustomer_anyOrder_paysFivePercentLess() {
    Order order = Order.of(new Customer("Barbara", Tier.SILVER)).with(OrderLine.of("desk lamp", "60.00", 2));

    Invoice invoice = calculator.invoice(order);

    assertEquals(new BigDecimal("6.00"), invoice.discount());
    assertEquals(new BigDecimal("114.00"), invoice.total());
  }

  @ParameterizedTest(name = "{0} x {1} at 5 % off = {2}")
  @CsvSource({
      "0.99, 1, 0.94",   // 0.0495 discount rounds to 0.05
      "0.10, 3, 0.28",   // 0.015 rounds half-even to 0.02
      "19.99, 3, 56.97",
  })
  void silverCustomer_oddAmounts_discountIsRoundedToCents(String unitPrice, int quantity, String total) {
    Order order = Order.of(new Customer("Barbara", Tier.SILVER)).with(OrderLine.of("item", unitPrice, quantity));

    assertEquals(new BigDecimal(total), calculator.invoice(order).total());
  }

  @Test
  void emptyOrder_anyTier_costsNothing() {
    Invoice invoice = calculator.invoice(Order.of(new Customer("Edsger", Tier.SILVER)));

    assertEquals(new BigDecimal("0.00"), invoice.total());
  }
}
