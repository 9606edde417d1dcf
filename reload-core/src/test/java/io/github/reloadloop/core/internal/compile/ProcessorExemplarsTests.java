package io.github.reloadloop.core.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorExemplarsTests {

  @TempDir Path root;

  private Path source(String path, String text) throws Exception {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void oneSourcePerClaimedType_imported_wildcard_orQualified() throws Exception {
    source("shop/Plain.java", "package shop;\nclass Plain { /* @Mapper in a comment of a file without import */ }\n");
    Path mapper = source("shop/OrderMapper.java",
        "package shop;\nimport org.mapstruct.Mapper;\n@Mapper\ninterface OrderMapper {}\n");
    source("shop/SecondMapper.java", "package shop;\nimport org.mapstruct.*;\n@Mapper\ninterface SecondMapper {}\n");
    Path entity = source("shop/Item.java", "package shop;\n@jakarta.persistence.Entity\nclass Item {}\n");

    List<Path> found = ProcessorExemplars.find(List.of(root),
        Set.of("org.mapstruct.Mapper", "jakarta.persistence.Entity", "*", "org.absent.Thing"));

    assertThat(found).hasSize(2).contains(entity)
        .anySatisfy(file -> assertThat(file.getFileName().toString()).endsWith("Mapper.java"));
    assertThat(found).doesNotContain(root.resolve("shop/Plain.java"));
    assertThat(ProcessorExemplars.find(List.of(root), Set.of("org.mapstruct.Mapper"))).hasSize(1)
        .allSatisfy(file -> assertThat(List.of(mapper, root.resolve("shop/SecondMapper.java"))).contains(file));
  }

  @Test
  void everyTypeClaimed_needsNoExemplar_andNothingIsRead() throws Exception {
    source("shop/A.java", "package shop;\n@lombok.Value\nclass A {}\n");

    assertThat(ProcessorExemplars.find(List.of(root), Set.of("*"))).isEmpty();
  }

  @Test
  void usage_matchesTheAnnotationNotItsPrefixes() {
    assertThat(ProcessorExemplars.usage("org.mapstruct.Mapper")
        .matcher("import org.mapstruct.Mapper;\n@MapperConfig\nclass C {}").find()).isFalse();
    assertThat(ProcessorExemplars.usage("org.mapstruct.Mapper")
        .matcher("import org.mapstruct.Mapper;\n\n@Mapper(componentModel = \"spring\")\nclass C {}").find()).isTrue();
    assertThat(ProcessorExemplars.usage("javax.persistence.*")
        .matcher("import javax.persistence.Entity;\n@Entity class C {}").find()).isTrue();
  }

  @Test
  void typeNamedWithItsModule_foundByTheType() throws Exception {
    Path marked = source("shop/Marked.java", "package shop;\n@shop.meta.Marker\nclass Marked {}\n");

    assertThat(ProcessorExemplars.find(List.of(root), Set.of("shop.meta/shop.meta.Marker"))).containsExactly(marked);
  }
}
