package io.github.reloadloop.junit.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One reader of the terminal for the JVM: a console that closes never takes a key from the next one. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TtyInputTests {

  @Test
  void aClosedViewEndsAtOnce_andTheNextViewGetsEveryKey() throws Exception {
    PipedOutputStream typing = new PipedOutputStream();
    TtyInput input = new TtyInput(new PipedInputStream(typing));
    InputStream first = input.newView();
    typing.write('a');
    assertThat(first.read()).isEqualTo('a');

    CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
      try {
        return first.read();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Thread.sleep(100); // The first console is waiting for a key when it closes.
    first.close();
    assertThat(blocked.get(10, TimeUnit.SECONDS)).as("a closed view's read").isEqualTo(-1);

    InputStream second = input.newView();
    typing.write("bc".getBytes());
    assertThat(second.read()).as("the first key typed after the first console closed").isEqualTo('b');
    assertThat(second.read()).isEqualTo('c');
  }

  @Test
  void anInterruptEndsTheWaitAtOnce() throws Exception {
    TtyInput input = new TtyInput(new PipedInputStream(new PipedOutputStream()));
    InputStream view = input.newView();
    Thread reader = Thread.currentThread();
    Thread interrupter = new Thread(() -> {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
      reader.interrupt();
    });
    interrupter.start();
    try {
      view.read();
      throw new AssertionError("the read ended without the interrupt");
    } catch (java.io.InterruptedIOException expected) {
      assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    }
  }
}
