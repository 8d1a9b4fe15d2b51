package io.sivistream.app.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API over TLS with a PKCS12 key store (made here with the JDK's keytool). */
class HttpTlsTest {

  private static final String PASSWORD = "store-pass-123456";

  @Test
  void servesHttpsWithTheKeyStoreAndRefusesPlainHttp(@TempDir Path dir) throws Exception {
    Path store = keyStore(dir);
    HttpServer server = new HttpTls(store, PASSWORD).server(new InetSocketAddress("127.0.0.1", 0));
    TopologyHarness h = new TopologyHarness(10);
    server.createContext("/", new HttpApi(h.view, new Predictor(), h.metrics, () -> "RUNNING",
        new TrueValues(Map.of()), HttpAuth.NONE));
    server.start();
    try {
      int port = server.getAddress().getPort();
      HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(store)).build();
      HttpResponse<String> r = trusting.send(HttpRequest.newBuilder(
          URI.create("https://localhost:" + port + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"status\":\"UP\"");
      assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + port + "/health")).build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    } finally {
      server.stop(0);
      h.close();
    }
  }

  @Test
  void aWrongPasswordNamesTheFileButNotThePassword(@TempDir Path dir) throws Exception {
    Path store = keyStore(dir);
    assertThatThrownBy(() -> new HttpTls(store, "wrong-password-987").context())
        .isInstanceOf(IOException.class).hasMessageContaining(store.toString())
        .hasMessageNotContaining("wrong-password-987");
    assertThat(new HttpTls(store, PASSWORD).toString()).doesNotContain(PASSWORD);
  }

  private static Path keyStore(Path dir) throws Exception {
    Path store = dir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
        "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore",
        store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return store;
  }

  private static SSLContext trusting(Path store) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext c = SSLContext.getInstance("TLS");
    c.init(null, tmf.getTrustManagers(), null);
    return c;
  }
}
