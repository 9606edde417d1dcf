package io.github.reloadloop.junit.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every way of printing passes through unchanged, and tells the listener first; flushing does not. */
class ObservedPrintStreamTests {

  @Test
  void everyKindOfOutput_passesThroughUnchanged_andIsObserved() throws Exception {
    Consumer<PrintStream> printing = stream -> {
      stream.print(true);
      stream.print('c');
      stream.print(1);
      stream.print(2L);
      stream.print(3.5f);
      stream.print(4.25d);
      stream.print(new char[] {'x', 'y'});
      stream.print("text");
      stream.print((Object) "object");
      stream.println();
      stream.println(false);
      stream.println('d');
      stream.println(5);
      stream.println(6L);
      stream.println(7.5f);
      stream.println(8.25d);
      stream.println(new char[] {'z'});
      stream.println("line");
      stream.println((Object) "object line");
      stream.printf("%s-%d%n", "printf", 9);
      stream.printf(Locale.GERMANY, "%.1f%n", 1.5);
      stream.format("%s%n", "format");
      stream.format(Locale.ROOT, "%.1f%n", 2.5);
      stream.append("append").append("a-b-c", 1, 4).append('!');
      stream.write('\n');
      stream.write("bytes\n".getBytes(StandardCharsets.UTF_8), 0, 6);
      stream.writeBytes("more bytes\n".getBytes(StandardCharsets.UTF_8));
    };
    ByteArrayOutputStream direct = new ByteArrayOutputStream();
    printing.accept(new PrintStream(direct, true, StandardCharsets.UTF_8));
    ByteArrayOutputStream observed = new ByteArrayOutputStream();
    AtomicInteger notices = new AtomicInteger();
    ObservedPrintStream stream = new ObservedPrintStream(new PrintStream(observed, true, StandardCharsets.UTF_8),
        notices::incrementAndGet);

    printing.accept(stream);
    stream.write("last\n".getBytes(StandardCharsets.UTF_8));
    direct.write("last\n".getBytes(StandardCharsets.UTF_8));

    assertThat(observed.toString(StandardCharsets.UTF_8)).isEqualTo(direct.toString(StandardCharsets.UTF_8));
    assertThat(notices).hasValue(30);
  }

  @Test
  void flush_isNotOutput() {
    AtomicInteger notices = new AtomicInteger();
    ObservedPrintStream stream = new ObservedPrintStream(new PrintStream(new ByteArrayOutputStream()),
        notices::incrementAndGet);

    stream.flush();

    assertThat(notices).hasValue(0);
    assertThat(stream.checkError()).isFalse();
  }
}
