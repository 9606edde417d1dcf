package io.github.reloadloop.junit.internal.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.ResponseCache;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JVM-wide defaults that project classes install are kept per world (the original class loader's, a fresh
 * loader's): a real {@link FreshClassLoader} over compiled project classes, whose {@code Defaults.install} sets
 * a default of each kind, as a static initialiser would.
 */
class JvmGlobalsTests {

  private static final String PROVIDER = "ReloadLoopTestsProvider";

  /** The kinds of default, in the order {@link #read()} lists them. */
  private static final List<String> KINDS = List.of("ProxySelector", "CookieHandler", "ResponseCache",
      "UncaughtExceptionHandler", "Locale", "Locale.FORMAT", "TimeZone", "security provider");

  private static final String DEFAULTS = """
      package net;

      import java.io.IOException;
      import java.net.CacheRequest;
      import java.net.CacheResponse;
      import java.net.Proxy;
      import java.net.SocketAddress;
      import java.net.URI;
      import java.net.URLConnection;
      import java.util.List;
      import java.util.Locale;
      import java.util.Map;
      import java.util.TimeZone;

      public final class Defaults {
        public static final class Proxies extends java.net.ProxySelector {
          public List<Proxy> select(URI uri) { return List.of(Proxy.NO_PROXY); }
          public void connectFailed(URI uri, SocketAddress address, IOException e) {}
        }

        public static final class Cookies extends java.net.CookieHandler {
          public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) { return Map.of(); }
          public void put(URI uri, Map<String, List<String>> headers) {}
        }

        public static final class Cache extends java.net.ResponseCache {
          public CacheResponse get(URI uri, String method, Map<String, List<String>> headers) { return null; }
          public CacheRequest put(URI uri, URLConnection connection) { return null; }
        }

        public static final class Handler implements Thread.UncaughtExceptionHandler {
          public void uncaughtException(Thread thread, Throwable e) {}
        }

        @SuppressWarnings("deprecation")
        public static final class Provider extends java.security.Provider {
          public Provider() { super("%s", 1.0, "a project's provider"); }
        }

        public static void install(String locale, String zone) {
          java.net.ProxySelector.setDefault(new Proxies());
          java.net.CookieHandler.setDefault(new Cookies());
          java.net.ResponseCache.setDefault(new Cache());
          Thread.setDefaultUncaughtExceptionHandler(new Handler());
          Locale.setDefault(Locale.forLanguageTag(locale));
          TimeZone.setDefault(TimeZone.getTimeZone(zone));
          java.security.Security.addProvider(new Provider());
        }
      }
      """.formatted(PROVIDER);

  @TempDir Path directory;

  private ProxySelector proxies;
  private CookieHandler cookies;
  private ResponseCache cache;
  private Thread.UncaughtExceptionHandler handler;
  private Locale locale;
  private Locale display;
  private Locale format;
  private TimeZone zone;

  @BeforeEach
  void keepTheJvmsDefaults() {
    proxies = ProxySelector.getDefault();
    cookies = CookieHandler.getDefault();
    cache = ResponseCache.getDefault();
    handler = Thread.getDefaultUncaughtExceptionHandler();
    locale = Locale.getDefault();
    display = Locale.getDefault(Locale.Category.DISPLAY);
    format = Locale.getDefault(Locale.Category.FORMAT);
    zone = TimeZone.getDefault();
  }

  @AfterEach
  void restoreTheJvmsDefaults() {
    ProxySelector.setDefault(proxies);
    CookieHandler.setDefault(cookies);
    ResponseCache.setDefault(cache);
    Thread.setDefaultUncaughtExceptionHandler(handler);
    Locale.setDefault(locale);
    Locale.setDefault(Locale.Category.DISPLAY, display);
    Locale.setDefault(Locale.Category.FORMAT, format);
    TimeZone.setDefault(zone);
    Security.removeProvider(PROVIDER);
  }

  @Test
  void defaultsInstalledByProjectClasses_eachWorldKeepsItsOwn_theOriginalsComeBack() throws Exception {
    Path classes = compile();
    try (URLClassLoader original = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        FreshClassLoader fresh = new FreshClassLoader(List.of(classes), original, 1)) {
      JvmGlobals globals = new JvmGlobals();
      install(original, "fr-FR", "Europe/Paris");
      List<Object> originals = read();
      assertThat(originals).as("installed by the original loader's classes").doesNotContainNull();

      List<Object> atStart = globals.inWorldOf(fresh, JvmGlobalsTests::read);
      List<Object> freshOnes = globals.inWorldOf(fresh, () -> {
        install(fresh, "de-DE", "Asia/Tokyo");
        return read();
      });
      List<Object> back = read();
      List<Object> freshAgain = globals.inWorldOf(fresh, JvmGlobalsTests::read);

      assertThat(atStart).as("a fresh world starts without the original's project objects, with its locale and zone")
          .containsExactly(null, null, null, null, originals.get(4), originals.get(5), originals.get(6), null);
      assertThat(freshOnes).as("installed by the fresh loader's classes").doesNotContainNull()
          .filteredOn(value -> !(value instanceof Locale || value instanceof TimeZone))
          .allMatch(value -> value.getClass().getClassLoader() == fresh);
      assertSame("back in the original world", back, originals);
      assertSame("in the fresh world again", freshAgain, freshOnes);
    }
  }

  /** Each default the same object as expected (locale and time zone: equal), named by kind when not. */
  private static void assertSame(String where, List<Object> actual, List<Object> expected) {
    for (int i = 0; i < KINDS.size(); i++) {
      if (expected.get(i) instanceof Locale || expected.get(i) instanceof TimeZone) {
        assertThat(actual.get(i)).as("%s: %s", where, KINDS.get(i)).isEqualTo(expected.get(i));
      } else {
        assertThat(actual.get(i)).as("%s: %s", where, KINDS.get(i)).isSameAs(expected.get(i));
      }
    }
  }

  private static void install(ClassLoader loader, String locale, String zone) throws Exception {
    loader.loadClass("net.Defaults").getMethod("install", String.class, String.class).invoke(null, locale, zone);
  }

  /** The defaults in the order of {@link #KINDS}; the provider is ours or {@code null}. */
  private static List<Object> read() {
    return Arrays.asList(ProxySelector.getDefault(), CookieHandler.getDefault(), ResponseCache.getDefault(),
        Thread.getDefaultUncaughtExceptionHandler(), Locale.getDefault(), Locale.getDefault(Locale.Category.FORMAT),
        TimeZone.getDefault(), Security.getProvider(PROVIDER));
  }

  private Path compile() throws Exception {
    Path source = Files.createDirectories(directory.resolve("src/net")).resolve("Defaults.java");
    Files.writeString(source, DEFAULTS);
    Path out = Files.createDirectories(directory.resolve("classes"));
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(), source.toString());
    assertThat(status).as("javac of the fixture").isZero();
    return out;
  }
}
