package io.sivistream.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** TLS material for tests against {@link EmbeddedKafka.Builder#saslSsl}, made with the JDK's keytool. */
public final class TlsFiles {

  private TlsFiles() {}

  /**
   * A broker key pair for 127.0.0.1 in {@code keyStore} and a trust store holding its certificate,
   * both PKCS12 under {@code password}.
   */
  public static void brokerKeyAndTrustStore(Path keyStore, Path trustStore, Path cert, String password)
      throws Exception {
    keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
        "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password);
    keytool("-exportcert", "-alias", "broker", "-rfc", "-keystore", keyStore.toString(), "-storepass",
        password, "-file", cert.toString());
    keytool("-importcert", "-noprompt", "-alias", "broker", "-file", cert.toString(), "-storetype", "PKCS12",
        "-keystore", trustStore.toString(), "-storepass", password);
  }

  /**
   * A client key pair with subject {@code CN=name} in {@code keyStore}, and its certificate added
   * to {@code trustedBy} (created when absent): the broker's store of client certificates for
   * {@link EmbeddedKafka.Builder#mutualTls}. Both PKCS12 under {@code password}.
   */
  public static void clientKeyStore(Path keyStore, String name, Path trustedBy, String password)
      throws Exception {
    Path cert = keyStore.resolveSibling(name + ".crt");
    keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=" + name, "-storetype", "PKCS12", "-keystore", keyStore.toString(),
        "-storepass", password, "-keypass", password);
    keytool("-exportcert", "-alias", name, "-rfc", "-keystore", keyStore.toString(), "-storepass",
        password, "-file", cert.toString());
    if (trustedBy != null) {
      keytool("-importcert", "-noprompt", "-alias", name, "-file", cert.toString(), "-storetype", "PKCS12",
          "-keystore", trustedBy.toString(), "-storepass", password);
    }
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
