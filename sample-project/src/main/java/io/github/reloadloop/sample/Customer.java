package io.github.reloadloop.sample;

import java.util.Objects;

/**
 * Someone who places orders.
 *
 * @param name shown on invoices
 * @param tier decides the discount
 */
public record Customer(String name, Tier tier) {

  public Customer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tier, "tier");
  }
}
