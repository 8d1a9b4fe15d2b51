package io.sivistream.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What can be checked of the images without a Docker engine, after {@code mvn package}: the files
 * the Dockerfiles copy exist, the Flink version of the base image is the one the job is built
 * against, the FlinkDeployment's jar and entry class are where the image puts them, and the job
 * jar starts its entry class on Flink's classes alone.
 */
class DockerfilesITCase {

  private static final Pattern COPY = Pattern.compile("^COPY\\s+(?:--chown=\\S+\\s+)?(\\S+)\\s+(\\S+)\\s*$");
  private static final Pattern FROM_FLINK = Pattern.compile("^FROM flink:(\\S+?)-scala_2\\.12-java17\\b");
  private static final String JOB_JAR_IN_IMAGE = "/opt/flink/lib/sivistream-flink-job.jar";
  private static final long RUN_TIMEOUT_SECONDS = 120;

  @ParameterizedTest
  @ValueSource(strings = {"job.Dockerfile", "job-cuda.Dockerfile", "serving.Dockerfile"})
  void everyCopiedFileExistsAfterTheBuild(String dockerfile) throws Exception {
    Path root = Manifests.repositoryRoot();
    List<String> copied = copies(root.resolve("deploy/docker").resolve(dockerfile)).stream()
        .map(c -> c[0]).toList();
    assertThat(copied).isNotEmpty();
    for (String source : copied) {
      assertThat(root.resolve(source)).as(dockerfile + " copies " + source).isRegularFile();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"job.Dockerfile", "job-cuda.Dockerfile"})
  void theJobImagesRunTheFlinkOfTheBuildAndHoldTheDeployedJar(String dockerfile)
      throws Exception {
    Path file = Manifests.repositoryRoot().resolve("deploy/docker").resolve(dockerfile);
    String flinkVersion = EnvironmentInformation.getVersion();
    List<String> bases = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      Matcher m = FROM_FLINK.matcher(line);
      if (m.find()) {
        bases.add(m.group(1));
      }
    }
    assertThat(bases).as("FROM flink:<version>-scala_2.12-java17").containsOnly(flinkVersion);
    assertThat(Files.readString(file)).contains("flink-s3-fs-presto-" + flinkVersion + ".jar");
    assertThat(copies(file)).extracting(c -> c[1]).contains(JOB_JAR_IN_IMAGE);

    for (String overlay : Manifests.OVERLAYS) {
      JsonNode flink = Manifests.flinkDeployment(Manifests.overlay(overlay));
      assertThat(flink.at("/spec/job/jarURI").asText()).isEqualTo("local://" + JOB_JAR_IN_IMAGE);
      String[] v = flinkVersion.split("\\.");
      assertThat(flink.at("/spec/flinkVersion").asText()).isEqualTo("v" + v[0] + "_" + v[1]);
    }
  }

  @Test
  void theJobJarHoldsTheEntryClassButNotFlinkItself() throws Exception {
    JsonNode flink = Manifests.flinkDeployment(Manifests.overlay("cpu"));
    String entryClass = flink.at("/spec/job/entryClass").asText();
    Path jar = jobJar();
    try (JarFile j = new JarFile(jar.toFile())) {
      assertThat(j.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(entryClass);
      assertThat(j.getEntry(entryClass.replace('.', '/') + ".class")).isNotNull();
      assertThat(j.getEntry("org/apache/flink/connector/kafka/source/KafkaSource.class"))
          .as("the Kafka connector is not in Flink's distribution").isNotNull();
      assertThat(j.getEntry("org/nd4j/linalg/factory/Nd4j.class")).isNotNull();
      assertThat(j.getEntry("org/apache/flink/runtime/minicluster/MiniCluster.class"))
          .as("Flink's runtime comes from the image's lib/").isNull();
      assertThat(j.getEntry("org/slf4j/Logger.class")).as("logging too").isNull();
    }
  }

  @Test
  void theServingImageStartsTheCliJar() throws Exception {
    Path root = Manifests.repositoryRoot();
    Path file = root.resolve("deploy/docker/serving.Dockerfile");
    String[] copy = copies(file).get(0);
    assertThat(Files.readString(file)).contains("\"-jar\", \"" + copy[1] + "\"");
    try (JarFile j = new JarFile(root.resolve(copy[0]).toFile())) {
      assertThat(j.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("io.sivistream.app.cli.Main");
    }
    JsonNode serving = Manifests.object(Manifests.overlay("cpu"), "Deployment",
        "sivistream-serving");
    assertThat(serving.at("/spec/template/spec/containers/0/args/0").asText()).isEqualTo("serve");
  }

  /**
   * The job jar's entry class starts with Flink's jars (standing in for the image's lib/) and the
   * job jar alone: every class it needs to read its config is there. A missing config file must
   * end in the CLI's one-line message, not a class-loading error.
   */
  @Test
  void theEntryClassStartsOnFlinksClassesAndTheJobJar() throws Exception {
    List<String> cp = new ArrayList<>();
    cp.add(jobJar().toString());
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (e.contains("/org/apache/flink/") || e.contains("/org/apache/logging/log4j/")
          || e.contains("/org/slf4j/")) {
        cp.add(e);
      }
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path err = Files.createTempFile("flink-application", ".err");
    Process p = new ProcessBuilder(java.toString(), "-cp", String.join(File.pathSeparator, cp),
        "io.sivistream.app.cli.FlinkApplication", "--config", "/nonexistent/job.yaml")
        .redirectErrorStream(true).redirectOutput(err.toFile()).start();
    assertThat(p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(err, StandardCharsets.UTF_8);
    Files.delete(err);
    assertThat(output).contains("/nonexistent/job.yaml: no such file")
        .doesNotContain("NoClassDefFoundError").doesNotContain("ClassNotFoundException");
    assertThat(p.exitValue()).as(output).isNotZero();
  }

  private static Path jobJar() {
    Path jar = Manifests.repositoryRoot().resolve("stream-app/target/sivistream-flink-job.jar");
    assertThat(jar).as("built by mvn package (stream-app's flink-job shade execution)")
        .isRegularFile();
    return jar;
  }

  /** The local COPY instructions of a Dockerfile, as {source, destination}. */
  private static List<String[]> copies(Path dockerfile) throws Exception {
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(dockerfile)) {
      Matcher m = COPY.matcher(line.strip());
      if (m.matches()) {
        out.add(new String[] {m.group(1), m.group(2)});
      }
    }
    return out;
  }
}
