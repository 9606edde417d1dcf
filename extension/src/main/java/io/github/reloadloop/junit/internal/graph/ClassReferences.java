package io.github.reloadloop.junit.internal.graph;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one class file refers to, read from its constant pool: every class it names (as a class constant or
 * inside a type descriptor or signature, annotations included), and whether it looks classes up by name at
 * run time, which a constant pool cannot follow.
 *
 * @param name binary name of the class ({@code acme.Ledger$Entry})
 * @param classes binary names of the classes it names, itself excluded
 * @param reflective whether it loads classes by name ({@code Class.forName}, {@code ClassLoader.loadClass},
 *     {@code ServiceLoader}, {@code Lookup.findClass}) or uses a framework that scans the class path
 */
record ClassReferences(String name, Set<String> classes, boolean reflective) {

  private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([^;<>\\[()\\s.:]+)[;<]");

  /** Methods that load a class by its name: {@code owner.name}. */
  private static final Set<String> LOOKUPS = Set.of("java/lang/Class.forName", "java/lang/ClassLoader.loadClass",
      "java/util/ServiceLoader.load", "java/util/ServiceLoader.loadInstalled",
      "java/lang/invoke/MethodHandles$Lookup.findClass");

  /**
   * Frameworks that find a project's classes by scanning the class path (component scan, entity scan,
   * injection modules): a class that uses one may reach any class of the project.
   */
  private static final List<String> SCANNING_FRAMEWORKS = List.of("org/springframework/", "jakarta/persistence/",
      "javax/persistence/", "jakarta/inject/", "javax/inject/", "org/hibernate/", "io/micronaut/", "io/quarkus/",
      "com/google/inject/", "jakarta/enterprise/", "javax/enterprise/");

  private static final int UTF8 = 1;
  private static final int CLASS = 7;
  private static final int METHOD_REF = 10;
  private static final int INTERFACE_METHOD_REF = 11;
  private static final int NAME_AND_TYPE = 12;

  static ClassReferences parse(byte[] classFile) {
    try {
      return read(new DataInputStream(new ByteArrayInputStream(classFile)));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a readable class file: " + e.getMessage(), e);
    }
  }

  private static ClassReferences read(DataInputStream in) throws IOException {
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("bad magic number");
    }
    in.readInt(); // minor and major version
    int count = in.readUnsignedShort();
    int[] tags = new int[count];
    String[] utf8 = new String[count];
    int[] first = new int[count];
    int[] second = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      tags[i] = tag;
      switch (tag) {
        case UTF8 -> utf8[i] = in.readUTF();
        case 3, 4 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++;
        }
        case CLASS, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
        case 9, METHOD_REF, INTERFACE_METHOD_REF, NAME_AND_TYPE, 17, 18 -> {
          first[i] = in.readUnsignedShort();
          second[i] = in.readUnsignedShort();
        }
        case 15 -> in.skipNBytes(3);
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    in.readUnsignedShort(); // access flags
    String self = utf8[first[in.readUnsignedShort()]];
    Set<String> classes = new LinkedHashSet<>();
    boolean reflective = false;
    for (int i = 1; i < count; i++) {
      if (tags[i] == CLASS) {
        String name = utf8[first[i]];
        if (name.startsWith("[")) {
          addDescriptorClasses(name, classes);
        } else {
          classes.add(name);
        }
      } else if (tags[i] == UTF8) {
        addDescriptorClasses(utf8[i], classes);
        reflective |= usesScanningFramework(utf8[i]);
      } else if (tags[i] == METHOD_REF || tags[i] == INTERFACE_METHOD_REF) {
        String owner = utf8[first[first[i]]];
        String method = utf8[first[second[i]]];
        reflective |= LOOKUPS.contains(owner + "." + method);
      }
    }
    classes.remove(self);
    Set<String> binaryNames = new LinkedHashSet<>();
    classes.forEach(c -> binaryNames.add(c.replace('/', '.')));
    return new ClassReferences(self.replace('/', '.'), Set.copyOf(binaryNames), reflective);
  }

  private static void addDescriptorClasses(String text, Set<String> into) {
    if (text.indexOf(';') < 0) {
      return;
    }
    Matcher matcher = DESCRIPTOR_CLASS.matcher(text);
    while (matcher.find()) {
      into.add(matcher.group(1));
    }
  }

  private static boolean usesScanningFramework(String text) {
    for (String prefix : SCANNING_FRAMEWORKS) {
      if (text.contains(prefix)) {
        return true;
      }
    }
    return false;
  }
}
