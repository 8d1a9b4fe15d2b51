package io.sivistream.app.job;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Plain-text record formats for tests, standing in for the Avro codecs.
 *
 * <p>Observation value: {@code eventTimeMillis,label,x1;x2;...}, key = model id. Spec value:
 * {@code windowRows=N,features=D} or {@code windowMillis=W,features=D}, key = model id.
 */
final class TextCodecs {

  private TextCodecs() {}

  record Obs(String modelId, long eventTimeMillis, double[] features, double label)
      implements ObservationLike {}

  record Spec(String modelId, String specYaml, WindowPolicy windowPolicy, int featureCount)
      implements ModelSpecLike {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String observation(long time, double label, double... x) {
    StringBuilder sb = new StringBuilder();
    sb.append(time).append(',').append(label).append(',');
    for (int i = 0; i < x.length; i++) {
      sb.append(i == 0 ? "" : ";").append(x[i]);
    }
    return sb.toString();
  }

  static ObservationDecoder observations() {
    return (key, value) -> {
      if (key == null || value == null) {
        throw new InvalidRecordException("observation needs a key and a value");
      }
      String[] f = new String(value, StandardCharsets.UTF_8).split(",");
      if (f.length != 3) {
        throw new InvalidRecordException("bad observation text, want time,label,x1;x2");
      }
      try {
        String[] xs = f[2].split(";");
        double[] x = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
          x[i] = Double.parseDouble(xs[i]);
        }
        return new Obs(new String(key, StandardCharsets.UTF_8), Long.parseLong(f[0]), x,
            Double.parseDouble(f[1]));
      } catch (NumberFormatException e) {
        throw new InvalidRecordException("bad number in observation: " + e.getMessage());
      }
    };
  }

  static ModelSpecDecoder specs() {
    return (key, value) -> {
      String model = new String(key, StandardCharsets.UTF_8);
      String text = new String(value, StandardCharsets.UTF_8);
      int rows = 0;
      long millis = 0;
      int features = 0;
      for (String kv : text.split(",")) {
        String[] p = kv.split("=");
        switch (p[0].trim().toLowerCase(Locale.ROOT)) {
          case "windowrows" -> rows = Integer.parseInt(p[1].trim());
          case "windowmillis" -> millis = Long.parseLong(p[1].trim());
          case "features" -> features = Integer.parseInt(p[1].trim());
          default -> throw new InvalidRecordException("unknown spec field '" + p[0] + "'");
        }
      }
      WindowPolicy w = rows > 0 ? WindowPolicy.rows(rows)
          : WindowPolicy.eventTime(Duration.ofMillis(millis));
      return new Spec(model, text, w, features);
    };
  }
}
