package io.sivistream.app.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalResourceOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.kubernetes.configuration.KubernetesConfigOptions;
import org.apache.flink.metrics.prometheus.PrometheusReporterFactory;
import org.apache.flink.state.rocksdb.RocksDBOptions;

/**
 * Every Flink configuration key that the deployment may set, taken from Flink's own
 * {@link ConfigOption} declarations: all options of flink-core's configuration package, of the
 * RocksDB state backend, of the Kubernetes integration and of the Prometheus reporter, plus the
 * families Flink builds from a name: {@code metrics.reporter.<name>.*} and
 * {@code external-resource.<name>.*}.
 */
public final class FlinkOptions {

  /**
   * The GPU driver's parameters ({@code GPUDriverOptions} of flink-external-resource-gpu, which
   * ships in the Flink image's plugins/ but whose Flink 2.x release Maven Central does not serve
   * this machine): {@code external-resource.<name>.param.<key>}.
   */
  static final Set<String> GPU_DRIVER_PARAMS = Set.of("discovery-script.path",
      "discovery-script.args");
  /**
   * Keys under {@code s3.} are not ConfigOptions: the S3 file-system plugins forward them to
   * their own (Presto or Hadoop) configuration.
   */
  static final String S3_PLUGIN_PREFIX = "s3.";

  private static final Map<String, ConfigOption<?>> OPTIONS = scan(List.of(
      ConfigOption.class, RocksDBOptions.class, KubernetesConfigOptions.class));

  private FlinkOptions() {}

  /** The option of a key, or null when Flink declares none with that key. */
  public static ConfigOption<?> option(String key) {
    return OPTIONS.get(key);
  }

  /**
   * The keys of {@code config} Flink does not know, each with the reason; empty when all are
   * known and every value parses as its option's type.
   */
  public static List<String> problems(Map<String, String> config) {
    Configuration parsed = Configuration.fromMap(config);
    Set<String> resources = new TreeSet<>(parsed.get(ExternalResourceOptions.EXTERNAL_RESOURCE_LIST));
    resources.remove(ExternalResourceOptions.NONE);
    List<String> out = new ArrayList<>();
    for (String key : config.keySet()) {
      ConfigOption<?> option = OPTIONS.get(key);
      if (option != null) {
        try {
          parsed.get(option);
        } catch (RuntimeException e) {
          out.add(key + ": value '" + config.get(key) + "' does not parse: " + e.getMessage());
        }
      } else if (!isReporterKey(key) && !isExternalResourceKey(key, resources)
          && !key.startsWith(S3_PLUGIN_PREFIX)) {
        out.add(key + ": not a Flink configuration option");
      }
    }
    return out;
  }

  private static boolean isReporterKey(String key) {
    String prefix = "metrics.reporter.";
    if (!key.startsWith(prefix)) {
      return false;
    }
    String rest = key.substring(prefix.length());
    int dot = rest.indexOf('.');
    if (dot < 1) {
      return false;
    }
    String suffix = rest.substring(dot + 1);
    // reporter-level options are declared by their suffix (e.g. "factory.class", "interval")
    return (OPTIONS.containsKey(suffix) && !suffix.startsWith("metrics."))
        || suffix.equals(prometheusPortKey());
  }

  private static boolean isExternalResourceKey(String key, Set<String> resources) {
    for (String name : resources) {
      if (key.equals(ExternalResourceOptions.getAmountConfigOptionForResource(name))
          || key.equals(ExternalResourceOptions.getExternalResourceDriverFactoryConfigOptionForResource(name))
          || key.equals(ExternalResourceOptions.getSystemConfigKeyConfigOptionForResource(name,
              KubernetesConfigOptions.EXTERNAL_RESOURCE_KUBERNETES_CONFIG_KEY_SUFFIX))) {
        return true;
      }
      String params = ExternalResourceOptions.getExternalResourceParamConfigPrefixForResource(name);
      if (key.startsWith(params) && GPU_DRIVER_PARAMS.contains(key.substring(params.length()))) {
        return true;
      }
    }
    return false;
  }

  /** The Prometheus reporter's port key (package-private in its factory). */
  private static String prometheusPortKey() {
    try {
      Field f = PrometheusReporterFactory.class.getDeclaredField("ARG_PORT");
      f.setAccessible(true);
      return (String) f.get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("PrometheusReporterFactory.ARG_PORT: " + e, e);
    }
  }

  /** The public static ConfigOptions of every class in the jars (and packages) of the anchors. */
  private static Map<String, ConfigOption<?>> scan(List<Class<?>> anchors) {
    Map<String, ConfigOption<?>> out = new TreeMap<>();
    for (Class<?> anchor : anchors) {
      String pkg = anchor.getPackageName().replace('.', '/') + "/";
      for (String className : classesIn(anchor, pkg)) {
        try {
          Class<?> c = Class.forName(className, false, anchor.getClassLoader());
          for (Field f : c.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
              ConfigOption<?> o = (ConfigOption<?>) f.get(null);
              out.putIfAbsent(o.key(), o);
            }
          }
        } catch (ReflectiveOperationException | LinkageError e) {
          // a class that needs what this classpath lacks declares no option the deployment uses
        }
      }
    }
    return out;
  }

  private static List<String> classesIn(Class<?> anchor, String pkg) {
    try {
      Path jar = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      List<String> out = new ArrayList<>();
      try (JarFile f = new JarFile(jar.toFile())) {
        for (Enumeration<JarEntry> e = f.entries(); e.hasMoreElements(); ) {
          String n = e.nextElement().getName();
          if (n.startsWith(pkg) && n.endsWith(".class") && n.indexOf('/', pkg.length()) < 0) {
            out.add(n.substring(0, n.length() - ".class".length()).replace('/', '.'));
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
