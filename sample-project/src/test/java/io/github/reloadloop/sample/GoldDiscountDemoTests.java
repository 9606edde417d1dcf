package io.github.reloadloop.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.reloadloop.junit.ReloadLoop;
import java.math.BigDecimal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo: this test fails because of a deliberate bug in {@link PriceCalculator}. Tagged {@code demo}, so
 * only {@code ./demo} (or {@code mvn test -Pdemo -Dreload.loop=true}) runs it; fix the bug while the run
 * waits at {@code reload>}, save, and type {@code continue}.
 */
@Tag("demo")
@ExtendWith(ReloadLoop.class)
class GoldDiscountDemoTests {

  private final PriceCalculator calculator = new PriceCalculator();
  private final Order order = Order.of(new Customer("Grace", Tier.GOLD))
      .with(OrderLine.of("espresso beans 1 kg", "25.00", 4));

  @Test
  void goldCustomer_ordersBeans_paysTenPercentLess() {
    Invoice invoice = calculator.invoice(order);

    assertEquals(new BigDecimal("90.00"), invoice.total(), "Gold customers pay 10 % less");
  }
}
