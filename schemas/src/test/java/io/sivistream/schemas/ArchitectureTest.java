package io.sivistream.schemas;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The records and the codec stay usable without Kafka or Flink on the classpath. */
class ArchitectureTest {

  // only this module's compiled classes: scanning the whole classpath for the package takes ~30 s
  private final JavaClasses classes = new ClassFileImporter()
      .importPath(Path.of("target/classes"));

  @Test
  void theModuleWasImported() {
    org.assertj.core.api.Assertions.assertThat(classes.contain(Observation.class)).isTrue();
  }

  @Test
  void recordsAndCodecImportNeitherKafkaNorFlink() {
    noClasses().that().resideInAnyPackage("io.sivistream.schemas", "io.sivistream.schemas.codec")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.apache.flink..")
        .check(classes);
  }

  @Test
  void kafkaSerdesDoNotImportFlink() {
    noClasses().that().resideInAPackage("io.sivistream.schemas.kafka")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.flink..")
        .check(classes);
  }
}
