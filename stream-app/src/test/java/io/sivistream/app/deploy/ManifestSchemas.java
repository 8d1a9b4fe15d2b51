package io.sivistream.app.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Strict schema checks of rendered Kubernetes objects, as {@code kubectl apply
 * --validate=strict} would make them: an unknown (misspelt) field, a wrong type or a value outside
 * an enum is a violation.
 *
 * <ul>
 *   <li>Core kinds and the Prometheus Operator's PodMonitor: fabric8's model classes.</li>
 *   <li>Strimzi's Kafka, KafkaNodePool, KafkaTopic, KafkaUser: Strimzi's API classes.</li>
 *   <li>FlinkDeployment: the OpenAPI schema of the operator's CRD (published in its API jar), with
 *       {@code additionalProperties: false} wherever the CRD lists properties, which is what the
 *       API server's strict field validation does; its pod templates as core Pods.</li>
 * </ul>
 *
 * <p>Both model libraries keep unknown fields in an {@code additionalProperties} map instead of
 * rejecting them; the mapper here turns that off, so Jackson's unknown-property check applies.
 */
public final class ManifestSchemas {

  /** Kubernetes kinds (apiVersion/kind) and the model class that defines each one's schema. */
  static final Map<String, Class<?>> MODEL_CLASSES = Map.ofEntries(
      Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
      Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
      Map.entry("v1/Pod", io.fabric8.kubernetes.api.model.Pod.class),
      Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
      Map.entry("autoscaling/v2/HorizontalPodAutoscaler",
          io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
      Map.entry("policy/v1/PodDisruptionBudget",
          io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
      Map.entry("networking.k8s.io/v1/NetworkPolicy",
          io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
      Map.entry("monitoring.coreos.com/v1/PodMonitor",
          io.fabric8.openshift.api.model.monitoring.v1.PodMonitor.class),
      Map.entry("kafka.strimzi.io/v1beta2/Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class),
      Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool",
          io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class),
      Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic",
          io.strimzi.api.kafka.model.topic.KafkaTopic.class),
      Map.entry("kafka.strimzi.io/v1beta2/KafkaUser",
          io.strimzi.api.kafka.model.user.KafkaUser.class));

  static final String FLINK_DEPLOYMENT = "flink.apache.org/v1beta1/FlinkDeployment";
  /** The operator's CRD for FlinkDeployment (flink-kubernetes-operator-api's jar). */
  static final String FLINK_DEPLOYMENT_CRD = "META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";
  /**
   * Flink versions the operator knows beyond the CRD read here: Maven Central serves this machine
   * the operator's API only up to 1.10.0, whose enum stops at v1_20; operator 1.13 added these.
   * Everything else in the CRD is checked as published.
   */
  static final List<String> FLINK_VERSIONS_AFTER_CRD = List.of("v2_0", "v2_1", "v2_2");

  private static final ObjectMapper STRICT = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
      .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
        @Override
        public Boolean hasAnySetter(Annotated a) {
          return Boolean.FALSE; // no catch-all map: an unknown field is an error
        }
      });
  private static final JsonSchema FLINK_DEPLOYMENT_SCHEMA = flinkDeploymentSchema();

  private ManifestSchemas() {}

  /** Everything wrong with one object, as "Kind/name: problem" lines; empty when it is valid. */
  public static List<String> violations(JsonNode object) {
    String type = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    String name = object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    List<String> out = new ArrayList<>();
    if (type.equals(FLINK_DEPLOYMENT)) {
      for (ValidationMessage m : FLINK_DEPLOYMENT_SCHEMA.validate(object)) {
        out.add(name + ": " + m.getMessage());
      }
      out.addAll(modelViolations(name + " metadata",
          io.fabric8.kubernetes.api.model.ObjectMeta.class, object.path("metadata")));
      JsonNode spec = object.path("spec");
      for (JsonNode template : List.of(spec.path("podTemplate"),
          spec.path("jobManager").path("podTemplate"), spec.path("taskManager").path("podTemplate"))) {
        if (!template.isMissingNode()) {
          out.addAll(violations(template).stream().map(v -> name + " podTemplate " + v).toList());
        }
      }
      return out;
    }
    Class<?> model = MODEL_CLASSES.get(type);
    if (model == null) {
      return List.of(name + ": no schema for " + type + " (add its model class to"
          + " ManifestSchemas.MODEL_CLASSES)");
    }
    return modelViolations(name, model, object);
  }

  private static List<String> modelViolations(String name, Class<?> model, JsonNode object) {
    try {
      STRICT.treeToValue(object, model);
      return List.of();
    } catch (JsonMappingException e) {
      return List.of(name + ": " + e.getOriginalMessage().lines().findFirst().orElse("")
          + " at " + path(e));
    } catch (IOException e) {
      return List.of(name + ": " + e.getMessage());
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      b.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]");
    }
    return b.length() == 0 ? "(root)" : b.substring(b.charAt(0) == '.' ? 1 : 0);
  }

  private static JsonSchema flinkDeploymentSchema() {
    try (InputStream in = ManifestSchemas.class.getClassLoader()
        .getResourceAsStream(FLINK_DEPLOYMENT_CRD)) {
      if (in == null) {
        throw new IllegalStateException(FLINK_DEPLOYMENT_CRD + " is not on the test classpath"
            + " (org.apache.flink:flink-kubernetes-operator-api)");
      }
      JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(in);
      JsonNode schema = null;
      for (JsonNode v : crd.path("spec").path("versions")) {
        if (v.path("name").asText().equals("v1beta1")) {
          schema = v.path("schema").path("openAPIV3Schema").deepCopy();
        }
      }
      if (schema == null) {
        throw new IllegalStateException(FLINK_DEPLOYMENT_CRD + " has no version v1beta1");
      }
      // every object has these; the API server checks them itself, so CRDs leave them out
      ObjectNode root = (ObjectNode) schema.path("properties");
      root.putObject("apiVersion").put("type", "string");
      root.putObject("kind").put("type", "string");
      root.putObject("metadata").put("type", "object");
      strict(schema);
      ArrayNode versions = (ArrayNode) schema.path("properties").path("spec").path("properties")
          .path("flinkVersion").path("enum");
      FLINK_VERSIONS_AFTER_CRD.forEach(versions::add);
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes every object schema that lists its properties, as strict field validation does. */
  private static void strict(JsonNode schema) {
    if (schema instanceof ObjectNode o) {
      if (o.has("properties") && !o.has("additionalProperties")
          && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        o.put("additionalProperties", false);
      }
    }
    for (Iterator<JsonNode> it = schema.elements(); it.hasNext(); ) {
      strict(it.next());
    }
  }
}
