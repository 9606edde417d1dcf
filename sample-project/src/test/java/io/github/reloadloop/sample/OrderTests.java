package io.github.reloadloop.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.reloadloop.junit.ReloadLoop;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ReloadLoop.class)
class OrderTests {

  private final Customer customer = new Customer("Ada", Tier.STANDARD);

  @Test
  void with_addsALine_leavesTheOriginalUnchanged() {
    Order empty = Order.of(customer);

    Order one = empty.with(OrderLine.of("tea", "4.50", 2));

    assertTrue(empty.lines().isEmpty());
    assertEquals(1, one.lines().size());
  }

  @Test
  void itemCount_severalLines_addsQuantities() {
    Order order = Order.of(customer).with(OrderLine.of("tea", "4.50", 2)).with(OrderLine.of("mug", "8.00", 3));

    assertEquals(5, order.itemCount());
  }

  @Test
  void amount_quantityThree_isThreeTimesTheUnitPrice() {
    assertEquals(new BigDecimal("13.50"), OrderLine.of("tea", "4.50", 3).amount());
  }

  @Test
  void orderLine_zeroQuantity_isRejectedWithTheProductName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OrderLine.of("tea", "4.50", 0));

    assertEquals("quantity of tea must be at least 1, was 0", e.getMessage());
  }

  @Test
  void orderLine_negativePrice_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> OrderLine.of("refund", "-1.00", 1));
  }
}
