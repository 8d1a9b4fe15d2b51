package io.sivistream.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.sivistream.core.stream.StreamingUpdate;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The engine talks to ND4J only through its backend-neutral API, so that {@code -Pcuda} (the CUDA
 * backend in place of nd4j-native) builds and runs the same code: no class may use the CPU
 * backend's own packages or OpenBLAS directly — except {@code linalg.Kernels}, whose direct
 * OpenBLAS route is taken only after it has checked that the CPU backend is active (on any other
 * backend it uses plain ND4J calls; {@code KernelsTest} checks both routes agree).
 */
class BackendNeutralityTest {

  // only this module's compiled classes (fast, and what the rule is about)
  private final JavaClasses classes = new ClassFileImporter()
      .importPath(Path.of("target/classes"));

  @Test
  void theModuleWasImported() {
    assertThat(classes.contain(StreamingUpdate.class)).isTrue();
  }

  @Test
  void noCpuBackendClasses() {
    noClasses().that().doNotHaveFullyQualifiedName("io.sivistream.core.linalg.Kernels").should().dependOnClassesThat().resideInAnyPackage("org.nd4j.linalg.cpu..",
            "org.nd4j.nativeblas..", "org.bytedeco.openblas..", "org.nd4j.linalg.jcublas..")
        .because("the engine must build and run on either ND4J backend (-Pcuda swaps them)")
        .check(classes);
  }
}
