package io.github.reloadloop.core.internal.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PomTests {

  @Test
  void aggregator_modulesOfProfilesAndSubprojectsToo_dependenciesAndPluginsIgnored() {
    Pom pom = Pom.parse("""
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <!-- <artifactId>commented-out</artifactId> -->
          <parent><groupId>org.acme</groupId><artifactId>acme-parent</artifactId><version>1</version></parent>
          <artifactId>shop</artifactId>
          <packaging>pom</packaging>
          <modules>
            <module>core</module>
            <module> app/pom.xml </module>
          </modules>
          <subprojects><subproject>api</subproject></subprojects>
          <dependencies>
            <dependency><groupId>junit</groupId><artifactId>junit</artifactId></dependency>
          </dependencies>
          <build><plugins><plugin><artifactId>maven-surefire-plugin</artifactId></plugin></plugins></build>
          <profiles>
            <profile><id>extra</id><modules><module>tools</module></modules></profile>
          </profiles>
        </project>
        """);

    assertThat(pom.coordinates()).as("the parent's groupId, the project's own artifactId").isEqualTo("org.acme:shop");
    assertThat(pom.modules()).containsExactly("core", "app/pom.xml", "api", "tools");
    assertThat(pom.sourceDirectory()).isEmpty();
  }

  @Test
  void ownGroupAndSourceDirectories_withCdataAndEntities() {
    Pom pom = Pom.parse("""
        <project>
          <groupId>org.acme.<![CDATA[shop]]></groupId>
          <artifactId>a&amp;b</artifactId>
          <build>
            <sourceDirectory>${project.basedir}/java</sourceDirectory>
            <testSourceDirectory>tests</testSourceDirectory>
          </build>
        </project>
        """);

    assertThat(pom.coordinates()).isEqualTo("org.acme.shop:a&b");
    assertThat(pom.sourceDirectory()).isEqualTo(Optional.of("${project.basedir}/java"));
    assertThat(pom.testSourceDirectory()).isEqualTo(Optional.of("tests"));
  }

  @Test
  void notXml_readsAsEmpty() {
    assertThat(Pom.parse("not <a pom").coordinates()).isEqualTo(":");
    assertThat(Pom.parse("").modules()).isEmpty();
  }
}
