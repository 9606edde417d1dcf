package io.github.reloadloop.core.internal.inplace;

import io.github.reloadloop.core.internal.compile.CompilerKind;
import io.github.reloadloop.core.internal.redefine.AgentLoader;
import io.github.reloadloop.core.support.FixtureCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * One class compiled by a real compiler, loaded, then changed again and again through {@link InPlace} and the
 * JVM's real {@code redefineClasses}, as the reloader's apply stage does (without the watcher, so each change
 * takes milliseconds).
 */
final class Harness implements AutoCloseable {

  private final Path directory;
  private final CompilerKind kind;
  private final String release;
  private final Instrumentation jvm = AgentLoader.load().instrumentation();
  private final InPlace inPlace = new InPlace();
  private final Map<Class<?>, byte[]> running = new HashMap<>();
  private URLClassLoader loader;
  private String className;
  private int version;

  Harness(Path directory, CompilerKind kind, String release) {
    this.directory = directory;
    this.kind = kind;
    this.release = release;
  }

  Harness(Path directory) {
    this(directory, CompilerKind.JAVAC, FixtureCompiler.RELEASE);
  }

  /** Compiles and loads the first version; returns the class. */
  Class<?> start(String className, String source) throws Exception {
    this.className = className;
    Path out = compile(source);
    loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, Harness.class.getClassLoader());
    Class<?> type = Class.forName(className, true, loader);
    running.put(type, Files.readAllBytes(out.resolve(className.replace('.', '/') + ".class")));
    return type;
  }

  /** Another class of the first version's output, as loaded. */
  Class<?> load(String name) throws ClassNotFoundException {
    return Class.forName(name, true, loader);
  }

  /** Compiles a new version and changes the class in place; fails when it cannot be. */
  InPlace.Change change(String source) throws Exception {
    InPlace.Change change = plan(source);
    if (!change.possible()) {
      throw new AssertionError("not in place: " + change.reason());
    }
    apply(change);
    return change;
  }

  /** Compiles a new version and plans it without applying anything. */
  InPlace.Change plan(String source) throws Exception {
    Path out = compile(source);
    Map<String, byte[]> patch = new HashMap<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = out.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        patch.put(name, Files.readAllBytes(file));
      }
    }
    Class<?> type = load(className);
    return inPlace.plan(type, running.get(type), patch.get(className), patch);
  }

  /** Prepares and redefines a planned change, as the apply stage does. */
  void apply(InPlace.Change change) throws Exception {
    InPlace.Prepared prepared = change.prepare();
    running.putAll(prepared.defined());
    jvm.redefineClasses(prepared.redefinitions().entrySet().stream()
        .map(e -> new ClassDefinition(e.getKey(), e.getValue())).toArray(ClassDefinition[]::new));
    running.putAll(prepared.redefinitions());
    change.applied();
  }

  /**
   * The same change with its companion's {@code method} starting with a {@code pop} on an empty stack, which
   * the verifier refuses when the companion is defined.
   */
  static InPlace.Change withBrokenCompanion(InPlace.Change change, String method) {
    List<InPlaceEdit.Definition> broken = new ArrayList<>();
    for (InPlaceEdit.Definition definition : change.edit().definitions()) {
      broken.add(definition.role().equals("companion")
          ? new InPlaceEdit.Definition(definition.name(), popFirst(definition.bytes(), method), "companion")
          : definition);
    }
    return change.withDefinitions(broken);
  }

  private static byte[] popFirst(byte[] bytes, String method) {
    ClassNode node = new ClassNode();
    new ClassReader(bytes).accept(node, 0);
    for (MethodNode m : node.methods) {
      if (m.name.equals(method)) {
        m.instructions.insert(new InsnNode(Opcodes.POP));
      }
    }
    ClassWriter writer = new ClassWriter(0);
    node.accept(writer);
    return writer.toByteArray();
  }

  private Path compile(String source) {
    Path src = directory.resolve("v" + version + "/src");
    Path out = directory.resolve("v" + version + "/out");
    version++;
    String simple = className.substring(className.lastIndexOf('.') + 1);
    Path file = src.resolve(className.substring(0, className.lastIndexOf('.')).replace('.', '/'))
        .resolve(simple + ".java");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    FixtureCompiler.compileTree(kind, src, out, release);
    return out;
  }

  @Override
  public void close() throws IOException {
    if (loader != null) {
      loader.close();
    }
  }
}
