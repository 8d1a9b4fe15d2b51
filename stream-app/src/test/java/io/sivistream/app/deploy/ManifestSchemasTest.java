package io.sivistream.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sivistream.schemas.Topics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** deploy/k8s renders, and every object it renders is valid against its kind's schema. */
class ManifestSchemasTest {

  /** Secrets the deployment expects that no rendered object or operator creates. */
  private static final Set<String> USER_SECRETS = Set.of("sivistream-s3");

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/cpu", "overlays/gpu"})
  void everyRenderedObjectIsValidStrictly(String dir) {
    List<JsonNode> objects = Manifests.render(dir);
    assertThat(objects).extracting(o -> o.path("kind").asText()).contains("Kafka",
        "KafkaNodePool", "KafkaTopic", "KafkaUser", "FlinkDeployment", "ConfigMap", "Deployment",
        "Service", "PodMonitor", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy");
    List<String> violations = new ArrayList<>();
    objects.forEach(o -> violations.addAll(ManifestSchemas.violations(o)));
    assertThat(violations).isEmpty();
  }

  /** The check fails where it should: a misspelt field in each kind of schema. */
  @ParameterizedTest
  @ValueSource(strings = {"Deployment/sivistream-serving", "KafkaTopic/observations",
      "FlinkDeployment/sivistream-posterior", "Kafka/sivistream"})
  void aMisspeltFieldFails(String which) {
    String[] kindName = which.split("/");
    ObjectNode object = Manifests.object(Manifests.overlay("cpu"), kindName[0], kindName[1])
        .deepCopy();
    ((ObjectNode) object.path("spec")).put("replcas", 3);
    assertThat(ManifestSchemas.violations(object)).singleElement().asString()
        .startsWith(which).contains("replcas");
  }

  @Test
  void misspeltFieldsInsideAPodTemplateAndAnAclFail() {
    ObjectNode flink = Manifests.flinkDeployment(Manifests.overlay("gpu")).deepCopy();
    ((ObjectNode) flink.at("/spec/taskManager/podTemplate/spec")).put("nodeSelecter", "x");
    // reported twice: by the CRD's schema and by the pod template's check as a core Pod
    assertThat(ManifestSchemas.violations(flink)).isNotEmpty()
        .allSatisfy(v -> assertThat(v).contains("podTemplate").contains("nodeSelecter"));

    ObjectNode user = Manifests.object(Manifests.overlay("cpu"), "KafkaUser", "sivistream-job")
        .deepCopy();
    ((ObjectNode) user.at("/spec/authorization/acls/0/resource")).put("patternTyp", "literal");
    assertThat(ManifestSchemas.violations(user)).singleElement().asString()
        .contains("patternTyp");

    ObjectNode wrongType = Manifests.flinkDeployment(Manifests.overlay("cpu")).deepCopy();
    ((ObjectNode) wrongType.at("/spec/job")).put("parallelism", "two");
    assertThat(ManifestSchemas.violations(wrongType)).isNotEmpty();
  }

  @Test
  void everyTopicOfTheProductIsAKafkaTopicOfTheCluster() {
    List<JsonNode> objects = Manifests.overlay("cpu");
    Set<String> topics = new TreeSet<>();
    for (JsonNode t : Manifests.ofKind(objects, "KafkaTopic")) {
      topics.add(t.at("/spec/topicName").asText());
      assertThat(t.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo("sivistream");
    }
    assertThat(topics).containsExactlyInAnyOrder(Topics.OBSERVATIONS, Topics.MODELS,
        Topics.POSTERIOR_SUMMARIES, Topics.POSTERIOR_DRAWS, Topics.PREDICTION_REQUESTS,
        Topics.PREDICTIONS, Topics.DEAD_LETTERS);
    assertThat(Manifests.object(objects, "KafkaTopic", "models").at("/spec/config/cleanup.policy")
        .asText()).isEqualTo("compact");
    assertThat(Manifests.object(objects, "KafkaTopic", "posterior-draws")
        .at("/spec/config/cleanup.policy").asText()).isEqualTo("compact");
  }

  @Test
  void theJobWritesOnlyItsOutputsAndServingOnlyPredictionsAndDeadLetters() {
    List<JsonNode> objects = Manifests.overlay("cpu");
    assertThat(writtenTopics(Manifests.object(objects, "KafkaUser", "sivistream-job")))
        .containsExactlyInAnyOrder(Topics.POSTERIOR_SUMMARIES, Topics.POSTERIOR_DRAWS,
            Topics.DEAD_LETTERS);
    assertThat(writtenTopics(Manifests.object(objects, "KafkaUser", "sivistream-serve")))
        .containsExactlyInAnyOrder(Topics.PREDICTIONS, Topics.DEAD_LETTERS);
  }

  @Test
  void everyConfigMapAndSecretAPodMountsExists() {
    List<JsonNode> objects = Manifests.overlay("gpu");
    Set<String> configMaps = names(Manifests.ofKind(objects, "ConfigMap"));
    // Strimzi writes a Secret per KafkaUser and <cluster>-cluster-ca-cert per Kafka
    Set<String> secrets = new HashSet<>(names(Manifests.ofKind(objects, "KafkaUser")));
    Manifests.ofKind(objects, "Kafka")
        .forEach(k -> secrets.add(k.at("/metadata/name").asText() + "-cluster-ca-cert"));
    secrets.addAll(USER_SECRETS);
    List<JsonNode> podSpecs = new ArrayList<>();
    Manifests.ofKind(objects, "Deployment").forEach(d -> podSpecs.add(d.at("/spec/template/spec")));
    JsonNode flink = Manifests.flinkDeployment(objects);
    podSpecs.add(flink.at("/spec/podTemplate/spec"));
    podSpecs.add(flink.at("/spec/taskManager/podTemplate/spec"));
    List<String> missing = new ArrayList<>();
    for (JsonNode spec : podSpecs) {
      for (JsonNode v : spec.path("volumes")) {
        String cm = v.at("/configMap/name").asText(null);
        String secret = v.at("/secret/secretName").asText(null);
        if (cm != null && !configMaps.contains(cm)) {
          missing.add("ConfigMap " + cm);
        }
        if (secret != null && !secrets.contains(secret)) {
          missing.add("Secret " + secret);
        }
      }
      for (JsonNode c : spec.path("containers")) {
        for (JsonNode e : c.path("env")) {
          String secret = e.at("/valueFrom/secretKeyRef/name").asText(null);
          if (secret != null && !secrets.contains(secret)) {
            missing.add("Secret " + secret);
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void theServingSelectorsMatchItsPods() {
    List<JsonNode> objects = Manifests.overlay("cpu");
    JsonNode labels = Manifests.object(objects, "Deployment", "sivistream-serving")
        .at("/spec/template/metadata/labels");
    for (String pointer : List.of("Service/spec/selector",
        "PodDisruptionBudget/spec/selector/matchLabels", "PodMonitor/spec/selector/matchLabels",
        "NetworkPolicy/spec/podSelector/matchLabels")) {
      String kind = pointer.substring(0, pointer.indexOf('/'));
      JsonNode selector = Manifests.object(objects, kind, "sivistream-serving")
          .at(pointer.substring(kind.length()));
      assertThat(selector.size()).as(pointer).isPositive();
      selector.fields().forEachRemaining(e -> assertThat(labels.path(e.getKey()).asText())
          .as(pointer + " " + e.getKey()).isEqualTo(e.getValue().asText()));
    }
    assertThat(Manifests.object(objects, "HorizontalPodAutoscaler", "sivistream-serving")
        .at("/spec/scaleTargetRef/name").asText()).isEqualTo("sivistream-serving");
  }

  private static Set<String> writtenTopics(JsonNode user) {
    Set<String> out = new TreeSet<>();
    for (JsonNode acl : user.at("/spec/authorization/acls")) {
      boolean writes = false;
      for (JsonNode op : acl.path("operations")) {
        writes |= Set.of("Write", "All", "Create", "Delete", "Alter").contains(op.asText());
      }
      if (writes && acl.at("/resource/type").asText().equals("topic")) {
        out.add(acl.at("/resource/name").asText());
      }
    }
    return out;
  }

  private static Set<String> names(List<JsonNode> objects) {
    Set<String> out = new HashSet<>();
    objects.forEach(o -> out.add(o.at("/metadata/name").asText()));
    return out;
  }
}
