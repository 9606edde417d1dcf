package io.github.reloadloop.core.internal.compile;

/**
 * How one group of sources is compiled so that the patch matches the classes it replaces, as the build
 * compiled them. Read from the class files (see {@link BuildSettings}); a batch whose files need different
 * settings is compiled in groups.
 *
 * @param release the Java release the classes target (class file major version - 44)
 * @param parameters whether to keep parameter names ({@code -parameters})
 * @param preview whether the classes were compiled with {@code --enable-preview}
 */
record CompileSettings(int release, boolean parameters, boolean preview) {

  /** The running JVM's own release, without extras. */
  static CompileSettings ofRunningJvm() {
    return new CompileSettings(Runtime.version().feature(), false, false);
  }
}
