package io.sivistream.app.serving;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * TLS for the HTTP API: a PKCS12 key store holding the server's key and certificate chain. The
 * password comes from the environment (never the config file) and never appears in
 * {@link #toString()}, a log line or an error message.
 *
 * @param keyStore the PKCS12 file
 * @param password its password
 */
public record HttpTls(Path keyStore, String password) {

  public HttpTls {
    Objects.requireNonNull(keyStore, "keyStore");
    password = password == null ? "" : password;
  }

  /** An HTTPS server on {@code address} with this key store, or an error naming the file. */
  HttpServer server(InetSocketAddress address) throws IOException {
    HttpsServer https = HttpsServer.create(address, 0);
    https.setHttpsConfigurator(new HttpsConfigurator(context()));
    return https;
  }

  /** The TLS context of the key store; a wrong password or a bad file is an IOException. */
  SSLContext context() throws IOException {
    char[] secret = password.toCharArray();
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, secret);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, secret);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keys.getKeyManagers(), null, null);
      return tls;
    } catch (GeneralSecurityException | IOException e) {
      // the message of a wrong password says so without the password itself
      throw new IOException("cannot use the TLS key store " + keyStore + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "HttpTls[" + keyStore + ", password ***]";
  }
}
