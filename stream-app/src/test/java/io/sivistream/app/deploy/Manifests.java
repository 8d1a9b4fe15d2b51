package io.sivistream.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The deployment as Kubernetes receives it: {@code kubectl kustomize deploy/k8s/overlays/<name>}
 * parsed into one JSON tree per object. {@code ./run-tests} installs kubectl when it is missing.
 */
public final class Manifests {

  /** The overlays users apply (deploy/README.md). */
  public static final List<String> OVERLAYS = List.of("cpu", "gpu");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final long KUBECTL_TIMEOUT_SECONDS = 60;
  private static final Map<String, List<JsonNode>> RENDERED = new LinkedHashMap<>();

  private Manifests() {}

  /** The repository's root folder (the one holding deploy/), found from the working directory. */
  public static Path repositoryRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("deploy/k8s/base"))) {
        return p;
      }
    }
    throw new IllegalStateException("no deploy/k8s/base above " + Path.of("").toAbsolutePath());
  }

  /** The objects of {@code deploy/k8s/<dir>} as kustomize renders them (cached per run). */
  public static synchronized List<JsonNode> render(String dir) {
    return RENDERED.computeIfAbsent(dir, d -> parse(kustomize(repositoryRoot().resolve("deploy/k8s")
        .resolve(d))));
  }

  /** The objects of an overlay ({@code cpu} or {@code gpu}). */
  public static List<JsonNode> overlay(String name) {
    return render("overlays/" + name);
  }

  /** The one object of this kind and name; fails when there is none. */
  public static JsonNode object(List<JsonNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind)
            && o.path("metadata").path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the rendering"));
  }

  /** Every object of a kind. */
  public static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
  }

  /** The posterior job's FlinkDeployment. */
  public static JsonNode flinkDeployment(List<JsonNode> objects) {
    return object(objects, "FlinkDeployment", "sivistream-posterior");
  }

  /** The FlinkDeployment's {@code spec.flinkConfiguration}, in order. */
  public static Map<String, String> flinkConfiguration(List<JsonNode> objects) {
    Map<String, String> out = new LinkedHashMap<>();
    flinkDeployment(objects).path("spec").path("flinkConfiguration").fields()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** The text of one file of a ConfigMap whose generated name starts with {@code prefix}. */
  public static String configMapFile(List<JsonNode> objects, String prefix, String file) {
    JsonNode map = ofKind(objects, "ConfigMap").stream()
        .filter(o -> o.path("metadata").path("name").asText().startsWith(prefix + "-"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no ConfigMap " + prefix + "-<hash>"));
    JsonNode text = map.path("data").path(file);
    if (!text.isTextual()) {
      throw new AssertionError("ConfigMap " + prefix + " has no " + file);
    }
    return text.asText();
  }

  /** Parses multi-document YAML. */
  public static List<JsonNode> parse(String yaml) {
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      List<JsonNode> out = new ArrayList<>();
      while (it.hasNext()) {
        JsonNode n = it.next();
        if (n != null && !n.isNull() && !n.isMissingNode()) {
          out.add(n);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String kustomize(Path dir) {
    ProcessBuilder pb = new ProcessBuilder("kubectl", "kustomize", dir.toString());
    try {
      Path err = Files.createTempFile("kustomize", ".err");
      Process p = pb.redirectError(err.toFile()).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(KUBECTL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("kubectl kustomize " + dir + " did not finish in "
            + KUBECTL_TIMEOUT_SECONDS + " s");
      }
      String stderr = Files.readString(err);
      Files.delete(err);
      if (p.exitValue() != 0) {
        throw new AssertionError("kubectl kustomize " + dir + " failed: " + stderr);
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("kubectl is needed for the deploy checks (./run-tests installs"
          + " Debian's kubectl): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
