package io.github.reloadloop.junit.internal.fallback;

import io.github.reloadloop.junit.internal.rerun.Worlds;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.ResponseCache;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * JVM-wide defaults that project code installs from static initialisers, kept per "world" of classes: the
 * original class loader's, and each fresh loader's. A static initialiser runs again in a fresh loader and
 * installs its own copy (a default {@link Authenticator} of the fresh class); without care, tests back in the
 * original loader would then see the fresh copy (and fail an {@code instanceof}), and a fresh world would
 * see the original's. So entering a fresh world saves the original world's defaults and installs the fresh
 * world's (the first time: the original's, less those that are instances of project classes); leaving
 * saves the fresh world's and restores the original's.
 *
 * <p>Covered: the default {@link Authenticator}, {@link ProxySelector}, {@link CookieHandler},
 * {@link ResponseCache}, uncaught exception handler, {@link Locale} (all categories), {@link TimeZone}, and
 * the security providers that a project class loader defined, and, where the reload agent can open
 * {@code java.net}, the set-once {@code URLStreamHandlerFactory} ({@link UrlHandlerFactory}), and libraries'
 * static caches of project classes by name ({@link LibraryCaches}: Spring Boot's). Not covered
 * (see the README): JDBC drivers registered from project classes, system properties, HTTPS and SSL
 * defaults, {@code URLConnection}'s content handler factory. Threading: worlds are switched around a fresh run while the original
 * test thread waits; tests running in parallel in the original world see the fresh world's defaults meanwhile.
 */
public final class JvmGlobals implements Worlds {

  private record Global<T>(String name, Supplier<T> read, Consumer<T> write) {}

  /** Defaults that may be unset ({@code null}); locales and the time zone never are. */
  private static final Set<String> NULLABLE = Set.of("Authenticator", "ProxySelector", "CookieHandler",
      "ResponseCache", "UncaughtExceptionHandler");

  private static final List<Global<?>> GLOBALS = List.of(
      new Global<>("Authenticator", Authenticator::getDefault, Authenticator::setDefault),
      new Global<>("ProxySelector", ProxySelector::getDefault, ProxySelector::setDefault),
      new Global<>("CookieHandler", CookieHandler::getDefault, CookieHandler::setDefault),
      new Global<>("ResponseCache", ResponseCache::getDefault, ResponseCache::setDefault),
      new Global<>("UncaughtExceptionHandler", Thread::getDefaultUncaughtExceptionHandler,
          Thread::setDefaultUncaughtExceptionHandler),
      new Global<>("Locale.DISPLAY", () -> Locale.getDefault(Locale.Category.DISPLAY),
          l -> Locale.setDefault(Locale.Category.DISPLAY, l)),
      new Global<>("Locale.FORMAT", () -> Locale.getDefault(Locale.Category.FORMAT),
          l -> Locale.setDefault(Locale.Category.FORMAT, l)),
      new Global<>("Locale", Locale::getDefault, JvmGlobals::setLocaleKeepingCategories),
      new Global<>("TimeZone", TimeZone::getDefault, TimeZone::setDefault));

  /** The values of one world, and the security providers its project classes defined, in their places. */
  private record Snapshot(List<Object> values, Map<Provider, Integer> providers, UrlHandlerFactory.State urls,
      List<Map<Object, Object>> libraryCaches) {}

  private final Map<ClassLoader, Snapshot> worlds = new IdentityHashMap<>();
  private UrlHandlerFactory urls;
  private boolean urlsOpened;
  private LibraryCaches libraryCaches;

  /** Runs {@code work} in the world of {@code loader} when it is a fresh loader, else as it is. */
  @Override
  public <T> T inWorldOf(ClassLoader loader, Callable<T> work) throws Exception {
    return loader instanceof FreshClassLoader fresh ? inFreshWorld(fresh, work) : work.call();
  }

  /**
   * Runs {@code work} in the world of {@code fresh}: its defaults installed before, the original world's back
   * after, whatever happens.
   */
  private synchronized <T> T inFreshWorld(FreshClassLoader fresh, Callable<T> work) throws Exception {
    if (libraryCaches == null) {
      libraryCaches = LibraryCaches.of(fresh.getParent());
    }
    Snapshot original = new Snapshot(readAll(), providers(p -> isProjectObject(p, fresh)), readUrls(),
        libraryCaches.read());
    worlds.keySet().removeIf(loader -> loader != fresh); // One fresh world at a time: older ones are gone.
    Snapshot own = worlds.get(fresh);
    install(own != null ? own : startingFrom(original, fresh), original.providers());
    try {
      return work.call();
    } finally {
      Snapshot left = new Snapshot(readAll(), providers(p -> p.getClass().getClassLoader() == fresh), readUrls(),
          libraryCaches.read());
      worlds.put(fresh, left);
      install(original, left.providers());
    }
  }

  private static List<Object> readAll() {
    List<Object> values = new ArrayList<>();
    for (Global<?> global : GLOBALS) {
      values.add(global.read().get());
    }
    return values;
  }

  /** Forgets the fresh worlds' defaults, which hold on to their class loaders. */
  @Override
  public synchronized void forget() {
    worlds.clear();
  }

  private UrlHandlerFactory.State readUrls() {
    if (!urlsOpened) {
      urlsOpened = true;
      urls = UrlHandlerFactory.open(); // Only now: opening it may need the agent, which loads in the background.
    }
    return urls == null ? null : urls.read();
  }

  /**
   * What a new fresh world starts with: the original world's defaults, except those that are instances of
   * project classes, which it starts without (its own static initialisers install their own copies), as a
   * JVM does before they run; a default that a library or the JDK installed stays, since nothing would
   * install it again.
   */
  private static Snapshot startingFrom(Snapshot original, FreshClassLoader fresh) {
    List<Object> values = new ArrayList<>(original.values());
    for (int i = 0; i < values.size(); i++) {
      if (NULLABLE.contains(GLOBALS.get(i).name()) && isProjectObject(values.get(i), fresh)) {
        values.set(i, null);
      }
    }
    UrlHandlerFactory.State urls = original.urls();
    if (urls != null && isProjectObject(urls.factory(), fresh)) {
      urls = new UrlHandlerFactory.State(null, Map.of());
    }
    return new Snapshot(values, Map.of(), urls, null);
  }

  /** An instance of a project class (a lambda counts as its enclosing class's) of another world than {@code fresh}. */
  private static boolean isProjectObject(Object value, FreshClassLoader fresh) {
    if (value == null || value.getClass().getClassLoader() == fresh) {
      return false;
    }
    Class<?> type = value.getClass().isHidden() ? value.getClass().getNestHost() : value.getClass();
    ClassLoader definer = type.getClassLoader();
    if (definer == null || definer == ClassLoader.getPlatformClassLoader()) {
      return false; // The JDK's own (its security providers, say): never a project class.
    }
    return fresh.findResource(type.getName().replace('.', '/') + ".class") != null;
  }

  /** Installs a world's defaults, taking out the other world's providers and putting back its own. */
  @SuppressWarnings("unchecked")
  private void install(Snapshot world, Map<Provider, Integer> otherWorldsProviders) {
    if (urls != null && world.urls() != null) {
      urls.write(world.urls());
    }
    libraryCaches.write(world.libraryCaches());
    for (int i = 0; i < GLOBALS.size(); i++) {
      Object value = world.values().get(i);
      if (value != null || NULLABLE.contains(GLOBALS.get(i).name())) {
        ((Global<Object>) GLOBALS.get(i)).write().accept(value);
      }
    }
    otherWorldsProviders.keySet().forEach(provider -> Security.removeProvider(provider.getName()));
    world.providers().forEach((provider, position) -> {
      if (Security.getProvider(provider.getName()) == null) {
        Security.insertProviderAt(provider, position);
      }
    });
  }

  /** The installed providers that {@code belongs} picks, with their 1-based positions. */
  private static Map<Provider, Integer> providers(Predicate<Provider> belongs) {
    Map<Provider, Integer> found = new LinkedHashMap<>();
    Provider[] installed = Security.getProviders();
    for (int i = 0; i < installed.length; i++) {
      if (belongs.test(installed[i])) {
        found.put(installed[i], i + 1);
      }
    }
    return found;
  }

  /** {@code Locale.setDefault(Locale)} resets the categories; they are restored on their own. */
  private static void setLocaleKeepingCategories(Locale locale) {
    Locale display = Locale.getDefault(Locale.Category.DISPLAY);
    Locale format = Locale.getDefault(Locale.Category.FORMAT);
    Locale.setDefault(locale);
    Locale.setDefault(Locale.Category.DISPLAY, display);
    Locale.setDefault(Locale.Category.FORMAT, format);
  }
}
