package io.github.reloadloop.sample;

/** A customer's loyalty tier, which decides the discount on every order. */
public enum Tier {
  STANDARD,
  SILVER,
  GOLD
}
