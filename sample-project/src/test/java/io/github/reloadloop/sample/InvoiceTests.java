package io.github.reloadloop.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.reloadloop.junit.ReloadLoop;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ReloadLoop.class)
class InvoiceTests {

  @Test
  void lines_silverOrder_showsEachLineThenTheTotals() {
    Order order = Order.of(new Customer("Barbara", Tier.SILVER)).with(OrderLine.of("desk lamp", "60.00", 2));

    List<String> lines = new PriceCalculator().invoice(order).lines();

    assertEquals(List.of(
        "Invoice for Barbara (SILVER)",
        "  desk lamp              2 x    60.00 =    120.00",
        "  subtotal                                120.00",
        "  discount                                 -6.00",
        "  total                                   114.00"), lines);
  }
}
