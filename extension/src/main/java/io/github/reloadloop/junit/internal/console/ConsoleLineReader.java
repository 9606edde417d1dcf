package io.github.reloadloop.junit.internal.console;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.MaskingCallback;
import org.jline.reader.Reference;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

/**
 * The console's line reader: JLine's, with two additions.
 *
 * <p><b>Ctrl-C is a key, not a signal, while a line is read.</b> The terminal sends SIGINT to the whole
 * foreground process group, Maven included, which would end the build with no summary. So while reading,
 * the terminal's {@code ISIG} is off and the interrupt key (Ctrl-C, or whatever {@code stty intr} says)
 * clears the typed text, as a shell does, or on an empty line ends the read with
 * {@link org.jline.reader.UserInterruptException}. The terminal's settings are put back after every read;
 * outside a read, Ctrl-C keeps its usual meaning.
 *
 * <p><b>The prompt can be hidden while other output reaches the terminal</b> ({@link #hidePrompt},
 * {@link #showPrompt}): {@link PromptKeeper} uses it to keep the test JVM's output, which Maven prints a
 * little later, off the prompt line.
 */
final class ConsoleLineReader extends LineReaderImpl implements PromptKeeper.Prompt {

  static final String INTERRUPT_WIDGET = "reload-loop-interrupt";
  private static final long HIDE_LOCK_WAIT_MS = 20;

  private boolean hidden; // guarded by lock

  ConsoleLineReader(Terminal terminal, Completer completer) {
    super(terminal, "reload-loop", null);
    setHistory(new DefaultHistory());
    setCompleter(completer);
    option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
    option(LineReader.Option.AUTO_FRESH_LINE, true);
    getWidgets().put(INTERRUPT_WIDGET, this::interruptKey);
    String key = KeyMap.ctrl('C');
    int intr = terminal.getAttributes().getControlChar(Attributes.ControlChar.VINTR);
    if (intr > 0 && intr < 128 && intr != ' ') {
      key = Character.toString((char) intr); // stty intr may name another key; it is the one users press
    }
    for (String keyMap : List.of(MAIN, EMACS, VIINS, VICMD)) {
      getKeyMaps().get(keyMap).bind(new Reference(INTERRUPT_WIDGET), key);
    }
  }

  /** Every {@code readLine} overload ends here: reads with the interrupt key delivered as a key. */
  @Override
  public String readLine(String prompt, String rightPrompt, MaskingCallback maskingCallback, String buffer) {
    Attributes saved = terminal.getAttributes();
    Attributes keysOnly = new Attributes(saved);
    keysOnly.setLocalFlag(Attributes.LocalFlag.ISIG, false);
    // JLine saves the attributes it finds when a read starts and restores them when it ends, so it keeps
    // ISIG off for the read; the finally block below then puts back what the terminal had before.
    terminal.setAttributes(keysOnly);
    try {
      return super.readLine(prompt, rightPrompt, maskingCallback, buffer);
    } finally {
      terminal.setAttributes(saved);
    }
  }

  /** Ctrl-C: clear the typed text; on an empty line, stop reading as an interrupt. */
  private boolean interruptKey() {
    if (buf.length() > 0) {
      buf.clear();
    } else {
      state = State.INTERRUPT;
    }
    return true;
  }

  /**
   * Erases the prompt and the typed text and keeps them off the screen (typing still goes into the line)
   * until {@link #showPrompt}. Gives up after a short wait for the reader's lock rather than block the
   * thread that writes output.
   */
  @Override
  public void hidePrompt() {
    boolean locked;
    try {
      locked = lock.tryLock(HIDE_LOCK_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!locked) {
      return; // The reader is busy drawing; the prompt is hidden with the next output instead.
    }
    try {
      hideLocked();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hides the prompt as {@link #hidePrompt} does, waiting for the reader's lock: the screen it was drawn on
   * went away (an attached terminal detached), and the reader must know that nothing is drawn any more.
   */
  void hidePromptNow() {
    lock.lock();
    try {
      hideLocked();
    } finally {
      lock.unlock();
    }
  }

  private void hideLocked() {
    if (reading && !hidden) {
      display.update(List.of(), 0);
      terminal.flush();
    }
    hidden = true;
  }

  /** Draws the prompt and the typed text again, on a line of their own. */
  @Override
  public void showPrompt() {
    lock.lock();
    try {
      if (!hidden) {
        return;
      }
      hidden = false;
      if (reading) {
        freshLine();
        redrawLine();
        redisplay(true);
      }
    } finally {
      lock.unlock();
    }
  }

  /** While hidden, the line is drawn only once it is finished, so that the screen shows what was entered. */
  @Override
  protected void redisplay(boolean flush) {
    lock.lock();
    try {
      if (hidden) {
        if (state == State.NORMAL) {
          return;
        }
        freshLine();
        redrawLine();
      }
      super.redisplay(flush);
    } finally {
      lock.unlock();
    }
  }
}
