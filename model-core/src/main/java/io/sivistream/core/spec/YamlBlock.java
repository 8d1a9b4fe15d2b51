package io.sivistream.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One mapping of a spec ({@code train:}, {@code family:}, ...) with typed getters whose errors
 * name the source, the full key path and the expected type. Package-private helper of
 * {@link SpecReader}.
 */
final class YamlBlock {

  private final String source;
  private final String path;
  private final JsonNode node;

  /**
   * @param source spec source name for messages
   * @param path key path of this block ("" for the top level)
   * @param node the mapping, or null / a null node for an absent or empty block
   */
  YamlBlock(String source, String path, JsonNode node) {
    this.source = source;
    this.path = path;
    this.node = node == null || node.isNull() || node.isMissingNode() ? null : node;
    if (this.node != null && !this.node.isObject()) {
      String where = path.isEmpty() ? "a spec" : path;
      throw error(where + " must be a mapping of keys to values, got " + describe(this.node));
    }
  }

  /** Fails on the first key that is not in {@code valid}, listing the valid keys. */
  YamlBlock checkKeys(List<String> valid) {
    if (node == null) {
      return this;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!valid.contains(key)) {
        String in = path.isEmpty() ? "at the top level" : "in " + path;
        throw error("unknown key '" + key + "' " + in + "; valid keys: " + String.join(", ", valid));
      }
    }
    return this;
  }

  boolean has(String key) {
    return node != null && node.has(key);
  }

  YamlBlock block(String key) {
    return new YamlBlock(source, key(key), node == null ? null : node.get(key));
  }

  String string(String key, String dflt) {
    JsonNode v = value(key);
    if (v == null) {
      return dflt;
    }
    if (!v.isValueNode()) {
      throw wrongType(key, "a text value", v);
    }
    return v.asText();
  }

  int integer(String key, int dflt) {
    JsonNode v = value(key);
    if (v == null) {
      return dflt;
    }
    long l = asLong(key, v);
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw error(key(key) + " must be an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE
          + ", got " + l);
    }
    return (int) l;
  }

  long longInteger(String key, long dflt) {
    JsonNode v = value(key);
    return v == null ? dflt : asLong(key, v);
  }

  double number(String key, double dflt) {
    JsonNode v = value(key);
    return v == null ? dflt : asDouble(key, v, "a number");
  }

  boolean bool(String key, boolean dflt) {
    JsonNode v = value(key);
    if (v == null) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw wrongType(key, "true or false", v);
    }
    return v.booleanValue();
  }

  List<Integer> intList(String key, List<Integer> dflt) {
    JsonNode v = list(key, "a list of integers, e.g. [100, 100]");
    if (v == null) {
      return dflt;
    }
    List<Integer> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!isIntegral(e) || e.asLong() != (int) e.asLong()) {
        throw wrongType(key, "a list of integers, e.g. [100, 100]", v);
      }
      out.add((int) e.asLong());
    }
    return out;
  }

  List<Double> doubleList(String key, List<Double> dflt) {
    JsonNode v = list(key, "a list of numbers, e.g. [10, 2.5]");
    if (v == null) {
      return dflt;
    }
    List<Double> out = new ArrayList<>();
    for (JsonNode e : v) {
      out.add(asDouble(key, e, "a list of numbers, e.g. [10, 2.5]"));
    }
    return out;
  }

  List<String> stringList(String key, List<String> dflt) {
    JsonNode v = list(key, "a list of names, e.g. [intercept, x1]");
    if (v == null) {
      return dflt;
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isValueNode() || e.isNull()) {
        throw wrongType(key, "a list of names, e.g. [intercept, x1]", v);
      }
      out.add(e.asText());
    }
    return out;
  }

  /** A mapping of names to text values ({@code priors: {b: "normal(0, 1)"}}), in the order written; empty when absent. */
  java.util.Map<String, String> stringMap(String key, String example) {
    JsonNode v = value(key);
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      throw wrongType(key, "a mapping, e.g. " + example, v);
    }
    for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      JsonNode e = v.get(name);
      if (!e.isValueNode() || e.isNull()) {
        throw error(key(key) + "." + name + " must be a text value, e.g. " + example + ", got " + describe(e));
      }
      out.put(name, e.asText());
    }
    return out;
  }

  /** A mapping of names to lists of names ({@code levels: {store: [A, B]}}); empty when absent. */
  java.util.Map<String, List<String>> stringListMap(String key, String example) {
    JsonNode v = value(key);
    java.util.Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      throw wrongType(key, "a mapping of columns to lists, e.g. " + example, v);
    }
    for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      out.put(name, new YamlBlock(source, key(key), v).stringList(name, List.of()));
    }
    return out;
  }

  SpecException error(String message) {
    return new SpecException(source + ": " + message);
  }

  private JsonNode value(String key) {
    if (node == null || !node.has(key)) {
      return null;
    }
    JsonNode v = node.get(key);
    if (v.isNull()) {
      throw error(key(key) + " has no value; give one or leave the key out for the default");
    }
    return v;
  }

  private JsonNode list(String key, String expected) {
    JsonNode v = value(key);
    if (v != null && !v.isArray()) {
      throw wrongType(key, expected, v);
    }
    return v;
  }

  private long asLong(String key, JsonNode v) {
    if (isIntegral(v)) {
      return v.asLong();
    }
    throw wrongType(key, "an integer", v);
  }

  /** Integers, and floats with an integral value (YAML may read 2e4 as a float). */
  private static boolean isIntegral(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v.canConvertToLong();
    }
    if (v.isFloatingPointNumber()) {
      double d = v.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 0x1p53;
    }
    return false;
  }

  private double asDouble(String key, JsonNode v, String expected) {
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual()) {
      // YAML 1.1 resolvers read forms such as 1e-3 (no dot) as text; accept any Java number syntax.
      try {
        return Double.parseDouble(v.textValue().trim());
      } catch (NumberFormatException e) {
        // fall through to the type error
      }
    }
    throw wrongType(key, expected, v);
  }

  private SpecException wrongType(String key, String expected, JsonNode got) {
    return error(key(key) + " must be " + expected + ", got " + describe(got));
  }

  private String key(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static String describe(JsonNode v) {
    if (v == null || v.isNull()) {
      return "nothing";
    }
    if (v.isObject()) {
      return "a mapping {" + String.join(", ", (Iterable<String>) v::fieldNames) + "}";
    }
    if (v.isArray()) {
      return "a list " + v;
    }
    if (v.isTextual()) {
      return "'" + v.textValue() + "'";
    }
    return v.toString();
  }
}
