package io.sivistream.app.job.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sivistream.app.job.DeadLetter;
import io.sivistream.app.job.InvalidRecordException;
import io.sivistream.app.job.ModelSpecLike;
import io.sivistream.app.job.ObservationLike;
import io.sivistream.app.job.RecordOrigin;
import io.sivistream.app.job.WindowPolicy;
import io.sivistream.schemas.DeadLetterCause;
import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.Observation;
import io.sivistream.schemas.codec.AvroCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The Avro decoders and the dead-letter encoder: what they accept and the reasons they give. */
class AvroAdaptersTest {

  private static final AvroCodec<Observation> OBS = AvroCodec.of(Observation.class);
  private static final AvroCodec<ModelSpec> SPECS = AvroCodec.of(ModelSpec.class);
  private static final String LOGISTIC = String.join("\n",
      "model: logistic-regression",
      "features: [intercept, x1, x2]",
      "stream: {windowRows: 50}");

  private final AvroObservationDecoder observations = new AvroObservationDecoder();
  private final AvroModelSpecDecoder specs = new AvroModelSpecDecoder();

  @Test
  void decodesAnObservation() throws Exception {
    ObservationLike o = observations.decode(utf8("m1"), OBS.encode(obs("m1", 1.0, 1.0, 2.0, -3.5)));
    assertThat(o.modelId()).isEqualTo("m1");
    assertThat(o.eventTimeMillis()).isEqualTo(1_700_000_000_123L);
    assertThat(o.features()).containsExactly(1.0, 2.0, -3.5);
    assertThat(o.label()).isEqualTo(1.0);
  }

  @Test
  void undecodableBytesNameTheKind() {
    assertThat(reason(() -> observations.decode(utf8("m1"), utf8("{\"modelId\": \"m1\"}"))))
        .startsWith("undecodable BAD_MARKER: not an Avro single-object payload")
        .contains("looks like JSON");
    byte[] good = OBS.encode(obs("m1", 1.0, 2.0));
    assertThat(reason(() -> observations.decode(null, Arrays.copyOf(good, good.length - 3))))
        .startsWith("undecodable TRUNCATED");
    assertThat(reason(() -> observations.decode(null, SPECS.encode(spec("m1", LOGISTIC)))))
        .startsWith("undecodable WRONG_TYPE: payload holds io.sivistream.schemas.ModelSpec");
    assertThat(reason(() -> observations.decode(utf8("m1"), null)))
        .startsWith("observation has no value (a tombstone)");
  }

  @Test
  void aKeyOtherThanTheModelIdIsRejected() {
    assertThat(reason(() -> observations.decode(utf8("m2"), OBS.encode(obs("m1", 1.0)))))
        .isEqualTo("observation key 'm2' differs from its modelId 'm1'; producers must key"
            + " records by model id");
  }

  @Test
  void weightedRowsAreRejectedUnweightedOnesPass() throws Exception {
    Observation weighted = obs("m1", 1.0);
    weighted.setWeight(2.5);
    assertThat(reason(() -> observations.decode(null, OBS.encode(weighted))))
        .isEqualTo("observation of model 'm1' has weight 2.5; row weights are not supported yet,"
            + " send weight null (or 1)");
    Observation one = obs("m1", 0.0, 1.0);
    one.setWeight(1.0);
    assertThat(observations.decode(null, OBS.encode(one)).features()).containsExactly(1.0);
  }

  @Test
  void decodesASpecWithRowWindowsAndItsFeatureCount() throws Exception {
    ModelSpecLike s = specs.decode(utf8("m1"), SPECS.encode(spec("m1", LOGISTIC)));
    assertThat(s.modelId()).isEqualTo("m1");
    assertThat(s.specYaml()).isEqualTo(LOGISTIC);
    assertThat(s.featureCount()).isEqualTo(3);
    assertThat(s.windowPolicy()).isEqualTo(WindowPolicy.rows(50));
    assertThat(s.deleted()).isFalse();
  }

  @Test
  void windowSecondsMakeEventTimeWindows() throws Exception {
    String yaml = "model: poisson-regression\nfeatures: [a, b]\nstream: {windowSeconds: 2.5}";
    ModelSpecLike s = specs.decode(null, SPECS.encode(spec("p", yaml)));
    assertThat(s.windowPolicy()).isEqualTo(WindowPolicy.eventTime(Duration.ofMillis(2500)));
    assertThat(s.featureCount()).isEqualTo(2);
  }

  @Test
  void deletedSpecsRetireTheModel() throws Exception {
    ModelSpec deleted = spec("m1", "not even parsed: [");
    deleted.setDeleted(true);
    ModelSpecLike s = specs.decode(utf8("m1"), SPECS.encode(deleted));
    assertThat(s.deleted()).isTrue();
    assertThat(s.modelId()).isEqualTo("m1");
  }

  @Test
  void badSpecsBecomeDeadLettersWithTheReason() {
    assertThat(specReason("model: logistic-regression\nfeatures: [a\n"))
        .startsWith("model spec 'm1' line").contains("not valid YAML");
    assertThat(specReason("model: logistic-regression\nfeatures: [a]\nstream: {windowRow: 5}"))
        .contains("unknown key 'windowRow' in stream");
    assertThat(specReason("model: banana"))
        .isEqualTo("model spec 'm1': model 'banana' cannot be streamed; streamed models are"
            + " regressions on rows: linear-regression, logistic-regression, poisson-regression");
    assertThat(specReason("model: logistic-regression"))
        .startsWith("model spec 'm1': a streamed spec must list its features");
    assertThat(specReason("model: logistic-regression\nfeatures: [a, b]\nprior: {sds: [1, 2, 3]}"))
        .isEqualTo("model spec 'm1': prior.sds has 3 values but features has 2 [a, b]; give one sd"
            + " per feature, or one sd for all");
    String tooMany = java.util.stream.IntStream.rangeClosed(0, 10_000).mapToObj(i -> "x" + i)
        .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    assertThat(specReason("model: logistic-regression\nfeatures: " + tooMany))
        .isEqualTo("model spec 'm1': the model has 10001 parameters; a streamed model may have at most"
            + " 10000 (its state grows by about 17 KB per parameter); fit it in batch instead, or use fewer features");
    assertThat(reason(() -> specs.decode(utf8("other"), SPECS.encode(spec("m1", LOGISTIC)))))
        .isEqualTo("model spec key 'other' differs from its modelId 'm1'; producers must key"
            + " records by model id");
    assertThat(reason(() -> specs.decode(utf8("m1"), utf8("model: banana"))))
        .startsWith("undecodable BAD_MARKER");
  }

  @Test
  void deadLettersAreAvroRecordsWithOriginReasonAndBytes() {
    Instant now = Instant.parse("2025-01-02T03:04:05Z");
    AvroDeadLetterEncoder encoder = new AvroDeadLetterEncoder(Clock.fixed(now, ZoneOffset.UTC));
    byte[] bytes = encoder.encode(new DeadLetter("wrong dimension: model 'm1' expects 3 features,"
        + " got 2", new RecordOrigin("observations", 1, 42), utf8("m1"), utf8("raw"),
        DeadLetterCause.WRONG_DIMENSION));
    io.sivistream.schemas.DeadLetter d =
        AvroCodec.of(io.sivistream.schemas.DeadLetter.class).decode(bytes);
    assertThat(d.getSourceTopic()).isEqualTo("observations");
    assertThat(d.getPartition()).isEqualTo(1);
    assertThat(d.getOffset()).isEqualTo(42);
    assertThat(d.getReason()).isEqualTo("wrong dimension: model 'm1' expects 3 features, got 2");
    assertThat(d.getKey()).isEqualTo(ByteBuffer.wrap(utf8("m1")));
    assertThat(d.getValue()).isEqualTo(ByteBuffer.wrap(utf8("raw")));
    assertThat(d.getFailedAt()).isEqualTo(now);
    assertThat(d.getCause()).isEqualTo("WRONG_DIMENSION");

    io.sivistream.schemas.DeadLetter noOrigin = AvroCodec.of(
        io.sivistream.schemas.DeadLetter.class).decode(encoder.encode(
            new DeadLetter("why", null, null, null, null)));
    assertThat(noOrigin.getSourceTopic()).isEqualTo("unknown");
    assertThat(noOrigin.getPartition()).isEqualTo(-1);
    assertThat(noOrigin.getValue()).isNull();
  }

  @Test
  void adaptersSurviveJavaSerializationAsFlinkShipsThem() throws Exception {
    AvroObservationDecoder copy = roundTrip(observations);
    observations.decode(null, OBS.encode(obs("m1", 1.0)));   // codec built in the original
    assertThat(copy.decode(null, OBS.encode(obs("m1", 0.0, 4.0))).features()).containsExactly(4.0);
    assertThat(roundTrip(specs).decode(null, SPECS.encode(spec("m1", LOGISTIC))).featureCount())
        .isEqualTo(3);
    assertThat(roundTrip(new AvroDeadLetterEncoder())
        .encode(new DeadLetter("r", null, null, null, null))).isNotEmpty();
  }

  // --- helpers -------------------------------------------------------------------------------

  private String specReason(String yaml) {
    return reason(() -> specs.decode(utf8("m1"), SPECS.encode(spec("m1", yaml))));
  }

  private interface Decoding {
    Object run() throws InvalidRecordException;
  }

  private static String reason(Decoding d) {
    try {
      d.run();
    } catch (InvalidRecordException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected an InvalidRecordException");
  }

  static Observation obs(String model, double label, double... x) {
    return Observation.newBuilder()
        .setModelId(model)
        .setEventTime(Instant.ofEpochMilli(1_700_000_000_123L))
        .setFeatures(Arrays.stream(x).boxed().toList())
        .setLabel(label)
        .build();
  }

  static ModelSpec spec(String model, String yaml) {
    return ModelSpec.newBuilder()
        .setModelId(model)
        .setSpecYaml(yaml)
        .setModel("logistic-regression")
        .setUpdatedAt(Instant.EPOCH)
        .build();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
