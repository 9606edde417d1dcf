package io.github.reloadloop.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Machine state noted next to figures that other processes on the machine can colour. */
final class Environment {

  private Environment() {}

  /** The 1, 5 and 15 minute load averages, as {@code uptime} shows them, or "?" off Linux. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }
}
