package io.github.reloadloop.junit.internal.console.choice;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which program launched this test JVM, recognised by its main class: in the {@code sun.java.command}
 * property (the main class and arguments the JVM was started with), or in the stack of the {@code main}
 * thread (a launcher started with {@code java -jar}, or wrapped by another main class).
 *
 * <p>The IDE runners, as they launch a test JVM: IntelliJ IDEA with {@code com.intellij.rt.junit.JUnitStarter}
 * (from {@code idea_rt.jar}/{@code junit-rt.jar}); Eclipse with
 * {@code org.eclipse.jdt.internal.junit.runner.RemoteTestRunner} (its JUnit 5 support is a test loader that
 * class loads); VS Code's Java Test Runner asks the Java language server (Eclipse JDT) for the launch
 * arguments, so its JUnit runs start Eclipse's {@code RemoteTestRunner} too, and its own runner
 * {@code com.microsoft.java.test.runner.Launcher} runs TestNG (and ran JUnit in older versions). All three
 * connect their console's input to the JVM's standard input, except VS Code's debug console
 * ({@code "console": "internalConsole"}), which sends none.
 */
enum Launchers {

  INTELLIJ("IntelliJ IDEA", true, "com.intellij.rt.junit.JUnitStarter"),
  ECLIPSE("Eclipse (or VS Code, which runs Eclipse's runner)", true,
      "org.eclipse.jdt.internal.junit.runner.RemoteTestRunner"),
  VS_CODE("VS Code", true, "com.microsoft.java.test.runner.Launcher"),
  SUREFIRE("Maven Surefire", false, "org.apache.maven.surefire.booter.ForkedBooter"),
  GRADLE("a Gradle test worker", false, "worker.org.gradle.process.internal.worker.GradleWorkerMain"),
  CONSOLE_LAUNCHER("the JUnit Platform console launcher", false, "org.junit.platform.console.ConsoleLauncher");

  private final String description;
  private final boolean ide;
  private final String mainClass;

  Launchers(String description, boolean ide, String mainClass) {
    this.description = description;
    this.ide = ide;
    this.mainClass = mainClass;
  }

  String description() {
    return description;
  }

  /** Whether this is an IDE's test runner, whose run console feeds standard input. */
  boolean ide() {
    return ide;
  }

  /** The launcher of this JVM. */
  static Optional<Launchers> current() {
    List<String> mainFrames = List.of();
    for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
      if (thread.getKey().getName().equals("main")) {
        mainFrames = Arrays.stream(thread.getValue()).map(StackTraceElement::getClassName).toList();
      }
    }
    return recognise(System.getProperty("sun.java.command", ""), mainFrames);
  }

  /**
   * @param javaCommand the JVM's main class (or jar) and arguments, as {@code sun.java.command} has them
   * @param mainFrames the classes on the main thread's stack
   */
  static Optional<Launchers> recognise(String javaCommand, List<String> mainFrames) {
    String[] words = javaCommand.trim().split("\\s+");
    for (Launchers launcher : values()) {
      if (words[0].equals(launcher.mainClass)) {
        return Optional.of(launcher);
      }
    }
    for (Launchers launcher : values()) {
      if (Arrays.asList(words).contains(launcher.mainClass) || mainFrames.contains(launcher.mainClass)) {
        return Optional.of(launcher);
      }
    }
    return Optional.empty();
  }
}
