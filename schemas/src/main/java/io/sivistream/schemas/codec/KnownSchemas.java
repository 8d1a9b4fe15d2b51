package io.sivistream.schemas.codec;

import io.sivistream.schemas.DeadLetter;
import io.sivistream.schemas.ModelSpec;
import io.sivistream.schemas.Observation;
import io.sivistream.schemas.PosteriorDraws;
import io.sivistream.schemas.PosteriorSummary;
import io.sivistream.schemas.Prediction;
import io.sivistream.schemas.PredictionRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * The registry of writer schemas a reader accepts, keyed by their CRC-64-AVRO fingerprint: the
 * current schemas of the contract plus historical versions kept as {@code .avsc} files under
 * {@code src/main/resources/history/} and listed in {@code history/index.txt}.
 *
 * <p>To retire a schema version: copy its old {@code .avsc} into {@code history/} (e.g.
 * {@code Observation-v1.avsc}), add the file name to {@code index.txt}, then change the current
 * {@code .avsc}. Payloads written with the old version then still decode (Avro schema resolution
 * fills added fields from their defaults). Immutable and thread-safe.
 *
 * <pre>{@code
 * KnownSchemas known = KnownSchemas.defaults();
 * Schema writer = known.findByFingerprint(fp);   // null when unknown
 * }</pre>
 */
public final class KnownSchemas implements SchemaStore {

  /** Classpath resource listing the historical schema files, one name per line. */
  public static final String HISTORY_INDEX = "history/index.txt";

  /** The current schema of every top-level record of the contract. */
  public static final List<Schema> CURRENT = List.of(
      Observation.getClassSchema(),
      ModelSpec.getClassSchema(),
      PosteriorSummary.getClassSchema(),
      PosteriorDraws.getClassSchema(),
      PredictionRequest.getClassSchema(),
      Prediction.getClassSchema(),
      DeadLetter.getClassSchema());

  private static volatile KnownSchemas defaults;

  private final Map<Long, Schema> byFingerprint;

  private KnownSchemas(Map<Long, Schema> byFingerprint) {
    this.byFingerprint = Collections.unmodifiableMap(new LinkedHashMap<>(byFingerprint));
  }

  /** The current schemas plus the history on the classpath; loaded once per class loader. */
  public static KnownSchemas defaults() {
    KnownSchemas known = defaults;
    if (known == null) {
      synchronized (KnownSchemas.class) {
        known = defaults;
        if (known == null) {
          known = builder().addCurrent().addIndexed(HISTORY_INDEX, KnownSchemas.class.getClassLoader()).build();
          defaults = known;
        }
      }
    }
    return known;
  }

  /** An empty builder; {@link Builder#addCurrent()} adds the contract's current schemas. */
  public static Builder builder() {
    return new Builder();
  }

  /** The writer schema with this fingerprint, or {@code null} when none is known. */
  @Override
  public Schema findByFingerprint(long fingerprint) {
    return byFingerprint.get(fingerprint);
  }

  /** Every known version of the record with this full name (current first when present). */
  public List<Schema> versionsOf(String fullName) {
    List<Schema> versions = new ArrayList<>();
    for (Schema schema : byFingerprint.values()) {
      if (schema.getFullName().equals(fullName)) {
        versions.add(schema);
      }
    }
    return versions;
  }

  /** All known schemas, in registration order. */
  public List<Schema> all() {
    return List.copyOf(byFingerprint.values());
  }

  /** The single-object-encoding fingerprint of a schema: CRC-64-AVRO of its parsing canonical form. */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  /** A fingerprint as 16 lower-case hex digits with a {@code 0x} prefix, as used in messages. */
  public static String hex(long fingerprint) {
    return String.format("0x%016x", fingerprint);
  }

  /** Collects schemas; the first schema registered for a fingerprint wins (current before history). */
  public static final class Builder {
    private final Map<Long, Schema> byFingerprint = new LinkedHashMap<>();

    private Builder() {}

    /** Adds {@link #CURRENT}. */
    public Builder addCurrent() {
      CURRENT.forEach(this::add);
      return this;
    }

    /** Adds one schema; a schema with an already known fingerprint is ignored. */
    public Builder add(Schema schema) {
      Objects.requireNonNull(schema, "schema");
      if (schema.getType() != Schema.Type.RECORD) {
        throw new IllegalArgumentException(
            "schema must be a record (single-object payloads are records), got " + schema.getType());
      }
      byFingerprint.putIfAbsent(fingerprint(schema), schema);
      return this;
    }

    /** Parses and adds one {@code .avsc} classpath resource. */
    public Builder addResource(String resource, ClassLoader loader) {
      try (InputStream in = open(resource, loader)) {
        return add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read schema resource '" + resource + "'", e);
      }
    }

    /**
     * Adds every {@code .avsc} named in an index resource: one file name per line, relative to
     * the index's folder; blank lines and lines starting with {@code #} are ignored. A missing
     * index adds nothing (no history yet).
     */
    public Builder addIndexed(String indexResource, ClassLoader loader) {
      InputStream index = loader.getResourceAsStream(indexResource);
      if (index == null) {
        return this;
      }
      String folder = indexResource.contains("/")
          ? indexResource.substring(0, indexResource.lastIndexOf('/') + 1) : "";
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          String name = line.strip();
          if (!name.isEmpty() && !name.startsWith("#")) {
            addResource(folder + name, loader);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read schema index '" + indexResource + "'", e);
      }
      return this;
    }

    /** The immutable registry. */
    public KnownSchemas build() {
      return new KnownSchemas(byFingerprint);
    }

    private static InputStream open(String resource, ClassLoader loader) throws IOException {
      InputStream in = loader.getResourceAsStream(resource);
      if (in == null) {
        throw new IOException("schema resource '" + resource + "' is not on the classpath;"
            + " put it under src/main/resources/ or remove it from its index");
      }
      return in;
    }
  }
}
