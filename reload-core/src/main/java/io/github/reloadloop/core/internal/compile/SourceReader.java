package io.github.reloadloop.core.internal.compile;

import io.github.reloadloop.core.api.CompileProblem;
import io.github.reloadloop.core.internal.project.PackageDeclaration;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads source files strictly in the project's encoding, so a wrong encoding is reported, not compiled. */
final class SourceReader {

  private final Charset encoding;

  SourceReader(Charset encoding) {
    this.encoding = encoding;
  }

  /** Thrown for a file that cannot be read or decoded; the message is for the user. */
  static final class UnreadableSource extends Exception {
    final CompileProblem problem;

    UnreadableSource(CompileProblem problem) {
      super(problem.message());
      this.problem = problem;
    }
  }

  SourceFile read(Path file) throws UnreadableSource {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UnreadableSource(new CompileProblem(file, 0, 0, "cannot read the file: " + e.getMessage()));
    }
    try {
      String text = encoding.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      return new SourceFile(file, text);
    } catch (CharacterCodingException e) {
      int offset = firstBadByte(bytes);
      long line = 1 + countNewlines(bytes, offset);
      throw new UnreadableSource(new CompileProblem(file, line, 0, String.format(
          "not valid %s (byte 0x%02X at offset %d); save the file as %s", encoding.name(),
          offset < bytes.length ? bytes[offset] & 0xFF : 0, offset, encoding.name())));
    }
  }

  /**
   * The package the file declares when it differs from its directory under {@code root}, else {@code null}.
   */
  static String misplacedPackage(SourceFile source, Path root) {
    String declared = PackageDeclaration.in(source.text());
    Path parent = root.relativize(source.path()).getParent();
    String expected = parent == null ? "" : parent.toString().replace(source.path().getFileSystem().getSeparator(), ".");
    return declared.equals(expected) ? null : declared;
  }

  private int firstBadByte(byte[] bytes) {
    var decoder = encoding.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    var out = java.nio.CharBuffer.allocate(bytes.length + 1);
    var result = decoder.decode(in, out, true);
    return result.isError() ? in.position() : bytes.length;
  }

  private static long countNewlines(byte[] bytes, int end) {
    long lines = 0;
    for (int i = 0; i < Math.min(end, bytes.length); i++) {
      if (bytes[i] == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
