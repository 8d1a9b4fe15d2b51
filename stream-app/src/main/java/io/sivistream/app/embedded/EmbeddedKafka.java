package io.sivistream.app.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.FaultHandlerFactory;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.SharedServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.ServerSocketFactory;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.server.fault.LoggingFaultHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * An in-process, single-node Kafka 4 broker in KRaft mode (one process acting as broker and
 * controller), for the {@code demo} and {@code kafka} commands and for integration tests.
 *
 * <p>It is the real broker: it is assembled from the same server classes that
 * {@code kafka.server.KafkaRaftServer} uses, on a freshly formatted log directory in a temporary
 * folder that {@link #close()} deletes. Clients outside this JVM can connect to
 * {@link #bootstrapServers()} ({@code 127.0.0.1:<port>}). Replication factors, ISR minimums and
 * the transaction timeout ceiling are set for a single node so that transactional producers
 * (Flink's exactly-once {@code KafkaSink}) and {@code read_committed} consumers work.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().port(9092).start()) {
 *   kafka.createTopics(TopicSpec.of("observations", 2), TopicSpec.compacted("models", 1));
 *   String bootstrap = kafka.bootstrapServers();   // "127.0.0.1:9092"
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String BROKER_LISTENER = "PLAINTEXT";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  /** The listener of {@link Builder#saslSsl} or {@link Builder#mutualTls}, whichever was asked for. */
  private static final String SECURE_LISTENER = "SECURE";
  /** The SCRAM mechanism of the secure listener (what Strimzi's KafkaUsers use, deploy/k8s). */
  public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
  private static final int NODE_ID = 1;
  private static final String HOST = "127.0.0.1";

  private final Path baseDir;
  private final KafkaConfig config;
  private ControllerServer controller;
  private BrokerServer broker;
  private List<ServerSocketChannel> sockets;
  private final String bootstrapServers;
  private final int securePort; // -1 without a secure listener
  private boolean closed;
  private boolean down;

  private EmbeddedKafka(Path baseDir, KafkaConfig config, ControllerServer controller,
      BrokerServer broker, List<ServerSocketChannel> sockets) {
    this.baseDir = baseDir;
    this.config = config;
    this.controller = controller;
    this.broker = broker;
    this.sockets = sockets;
    int port = broker.boundPort(ListenerName.normalised(BROKER_LISTENER));
    this.bootstrapServers = HOST + ":" + port;
    this.securePort = String.valueOf(config.originals().get("listeners")).contains(SECURE_LISTENER + "://")
        ? broker.boundPort(ListenerName.normalised(SECURE_LISTENER)) : -1;
  }

  /** A builder with the defaults: random port, transaction timeout ceiling of one hour. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a broker on {@code port} (0 = a free port chosen by the OS) with default settings. */
  public static EmbeddedKafka start(int port) {
    return builder().port(port).start();
  }

  /** {@code host:port} of the broker listener, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * {@code host:port} of the secure listener (TLS with SCRAM-SHA-512 logins, or TLS with client
   * certificates; ACLs enforced), or null when the broker was built without
   * {@link Builder#saslSsl} or {@link Builder#mutualTls}.
   */
  public String secureBootstrapServers() {
    return securePort < 0 ? null : HOST + ":" + securePort;
  }

  /** The bound broker port. */
  public int port() {
    return Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
  }

  /** The temporary folder holding the log directory; deleted by {@link #close()}. */
  Path baseDirectory() {
    return baseDir;
  }

  /**
   * Creates topics (replication factor 1) and waits until the broker has them. Topics that exist
   * already are an error, like with the Kafka admin tools.
   */
  public void createTopics(TopicSpec... topics) {
    createTopics(List.of(topics));
  }

  /** See {@link #createTopics(TopicSpec...)}. */
  public void createTopics(Collection<TopicSpec> topics) {
    List<NewTopic> newTopics = new ArrayList<>();
    for (TopicSpec t : topics) {
      NewTopic nt = new NewTopic(t.name(), t.partitions(), (short) 1);
      if (t.compacted()) {
        nt.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      }
      newTopics.add(nt);
    }
    try (Admin admin = Admin.create(adminConfig())) {
      admin.createTopics(newTopics).all().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics " + topics, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topics " + topics + ": " + e.getMessage(),
          e);
    }
  }

  private Properties adminConfig() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-admin");
    return p;
  }

  /** Creates (or replaces) SCRAM-SHA-512 logins for the secure listener, user name to password. */
  public void addScramUsers(Map<String, String> users) {
    List<UserScramCredentialAlteration> upserts = new ArrayList<>();
    users.forEach((user, password) -> upserts.add(new UserScramCredentialUpsertion(user,
        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)));
    try (Admin admin = Admin.create(adminConfig())) {
      admin.alterUserScramCredentials(upserts).all().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating SCRAM users", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create SCRAM users " + users.keySet() + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Stops the broker and the controller but keeps the log directory, as a broker outage would:
   * clients see connection failures until {@link #restart()}. For fault tests.
   */
  public synchronized void stopKeepingLogs() {
    if (closed || down) {
      throw new IllegalStateException("embedded Kafka at " + bootstrapServers + " is not running");
    }
    down = true;
    shutdownServers();
    LOG.info("embedded Kafka at {} stopped (log directory kept)", bootstrapServers);
  }

  /**
   * Starts the broker again on the same ports and log directory after
   * {@link #stopKeepingLogs()}: topics, committed offsets and transaction state survive.
   */
  public synchronized void restart() {
    if (closed || !down) {
      throw new IllegalStateException("embedded Kafka at " + bootstrapServers + " is not stopped");
    }
    int brokerPort = port();
    // controller.quorum.voters is "id@host:port" for the one node
    String voter = config.quorumConfig().voters().get(0);
    int controllerPort = Integer.parseInt(voter.substring(voter.lastIndexOf(':') + 1));
    List<ServerSocketChannel> rebound = new ArrayList<>();
    try {
      ServerSocketChannel brokerSocket = Builder.bind(BROKER_LISTENER, brokerPort);
      rebound.add(brokerSocket);
      ServerSocketChannel controllerSocket = Builder.bind(CONTROLLER_LISTENER, controllerPort);
      rebound.add(controllerSocket);
      Map<String, ServerSocketChannel> prebound = new HashMap<>(Map.of(BROKER_LISTENER,
          brokerSocket, CONTROLLER_LISTENER, controllerSocket));
      if (securePort >= 0) {
        ServerSocketChannel secureSocket = Builder.bind(SECURE_LISTENER, securePort);
        rebound.add(secureSocket);
        prebound.put(SECURE_LISTENER, secureSocket);
      }
      EmbeddedKafka started = Builder.startServers(baseDir, config, prebound, rebound);
      controller = started.controller;
      broker = started.broker;
      sockets = rebound;
      down = false;
    } catch (RuntimeException e) {
      rebound.forEach(s -> swallow("socket close", s::close));
      throw e;
    }
  }

  /** Stops the broker and the controller and deletes the log directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!down) {
      shutdownServers();
    }
    swallow("log directory delete", () -> Utils.delete(baseDir.toFile()));
    LOG.info("embedded Kafka at {} stopped", bootstrapServers);
  }

  private void shutdownServers() {
    // Broker first: the controller is needed for a controlled shutdown (as in KafkaRaftServer).
    swallow("broker shutdown", broker::shutdown);
    swallow("controller shutdown", controller::shutdown);
    sockets.forEach(s -> swallow("socket close", s::close));
  }

  private static void swallow(String what, ThrowingRunnable r) {
    try {
      r.run();
    } catch (Exception e) {
      LOG.warn("embedded Kafka: {} failed: {}", what, e.toString());
    }
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  /**
   * Configures and starts an {@link EmbeddedKafka}. Defaults: port 0 (random),
   * {@code transaction.max.timeout.ms} one hour (Flink's {@code KafkaSink} defaults to a one-hour
   * transaction timeout, above Kafka's own 15-minute ceiling).
   */
  public static final class Builder {
    private int port;
    private Duration transactionMaxTimeout = Duration.ofHours(1);
    private final Map<String, String> overrides = new HashMap<>();
    private Path keyStore;
    private String keyStorePassword;
    private Map<String, String> scramUsers = Map.of();
    private Path clientTrustStore; // set by mutualTls: the listener is SSL with client certificates

    private Builder() {}

    /**
     * Adds a SASL_SSL listener: TLS with the given PKCS12 key store, SCRAM-SHA-512 logins for the
     * given users (name to password), and the standard authorizer, so that ACLs decide what each
     * user may do. The PLAINTEXT listener stays, unauthenticated and a super user, for the test
     * harness and its admin calls (creating topics, users and ACLs).
     */
    public Builder saslSsl(Path keyStore, String keyStorePassword, Map<String, String> scramUsers) {
      this.keyStore = keyStore;
      this.keyStorePassword = keyStorePassword;
      this.scramUsers = Map.copyOf(scramUsers);
      this.clientTrustStore = null;
      return this;
    }

    /**
     * Adds a mutual-TLS listener instead: the broker presents the PKCS12 {@code keyStore}, and
     * every client must present a certificate that {@code trustStore} (PKCS12, same password)
     * trusts; its principal is the certificate's subject ({@code User:CN=job}), and the standard
     * authorizer decides with ACLs. The PLAINTEXT listener stays a super user for the harness.
     */
    public Builder mutualTls(Path keyStore, Path trustStore, String storePassword) {
      this.keyStore = keyStore;
      this.keyStorePassword = storePassword;
      this.clientTrustStore = trustStore;
      this.scramUsers = Map.of();
      return this;
    }

    /** Broker port on 127.0.0.1; 0 lets the OS choose a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535 (0 = random), got " + port);
      }
      this.port = port;
      return this;
    }

    /** Upper bound the broker accepts for a producer's {@code transaction.timeout.ms}. */
    public Builder transactionMaxTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(
            "transactionMaxTimeout must be > 0, got " + timeout);
      }
      this.transactionMaxTimeout = timeout;
      return this;
    }

    /** Any other broker setting, applied last (it wins over the defaults). */
    public Builder brokerProperty(String key, String value) {
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("broker property key must be non-blank, got '" + key
            + "'");
      }
      overrides.put(key, value);
      return this;
    }

    /** Formats a temporary log directory and starts the broker; returns once it is unfenced. */
    public EmbeddedKafka start() {
      Path baseDir;
      try {
        baseDir = Files.createTempDirectory("sivistream-kafka-");
      } catch (IOException e) {
        throw new IllegalStateException("cannot create a temporary Kafka log directory", e);
      }
      List<ServerSocketChannel> sockets = new ArrayList<>();
      try {
        // Bind both listeners before the server starts: the controller port has to be known for
        // controller.quorum.voters, and a taken broker port fails here with a clear message.
        ServerSocketChannel brokerSocket = bind(BROKER_LISTENER, port);
        sockets.add(brokerSocket);
        ServerSocketChannel controllerSocket = bind(CONTROLLER_LISTENER, 0);
        sockets.add(controllerSocket);
        Map<String, ServerSocketChannel> prebound = new HashMap<>(Map.of(
            BROKER_LISTENER, brokerSocket, CONTROLLER_LISTENER, controllerSocket));
        int securePort = -1;
        if (keyStore != null) {
          ServerSocketChannel secureSocket = bind(SECURE_LISTENER, 0);
          sockets.add(secureSocket);
          prebound.put(SECURE_LISTENER, secureSocket);
          securePort = secureSocket.socket().getLocalPort();
        }
        int brokerPort = brokerSocket.socket().getLocalPort();
        int controllerPort = controllerSocket.socket().getLocalPort();
        String logDir = baseDir.resolve("log").toString();
        KafkaConfig config = new KafkaConfig(brokerConfig(logDir, brokerPort, controllerPort,
            securePort), false);
        format(logDir);
        EmbeddedKafka kafka = startServers(baseDir, config, prebound, sockets);
        if (!scramUsers.isEmpty()) {
          kafka.addScramUsers(scramUsers);
        }
        return kafka;
      } catch (Exception e) {
        sockets.forEach(s -> swallow("socket close", s::close));
        swallow("log directory delete", () -> Utils.delete(baseDir.toFile()));
        if (e instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException("embedded Kafka failed to start: " + e.getMessage(), e);
      }
    }

    private static ServerSocketChannel bind(String listener, int port) {
      try {
        return ServerSocketFactory.INSTANCE.openServerSocket(listener,
            new InetSocketAddress(HOST, port), -1, -1);
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException("cannot bind the embedded Kafka " + listener
            + " listener to " + HOST + ":" + port + " (" + e.getMessage()
            + "); choose another port or 0 for a random one", e);
      }
    }

    private Map<String, Object> brokerConfig(String logDir, int brokerPort, int controllerPort,
        int securePort) {
      Map<String, Object> p = new HashMap<>();
      p.put("process.roles", "broker,controller");
      p.put("node.id", Integer.toString(NODE_ID));
      p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
      p.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort + ","
          + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
      p.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
      p.put("listener.security.protocol.map",
          BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
      p.put("controller.listener.names", CONTROLLER_LISTENER);
      p.put("inter.broker.listener.name", BROKER_LISTENER);
      p.put("log.dirs", logDir);
      p.put("metadata.log.dir", logDir);
      // One node: every internal topic has one replica and needs one in sync.
      p.put("offsets.topic.replication.factor", "1");
      p.put("offsets.topic.num.partitions", "1");
      p.put("transaction.state.log.replication.factor", "1");
      p.put("transaction.state.log.min.isr", "1");
      p.put("transaction.state.log.num.partitions", "1");
      p.put("share.coordinator.state.topic.replication.factor", "1");
      p.put("share.coordinator.state.topic.min.isr", "1");
      p.put("default.replication.factor", "1");
      p.put("min.insync.replicas", "1");
      p.put("num.partitions", "1");
      p.put("transaction.max.timeout.ms", Long.toString(transactionMaxTimeout.toMillis()));
      if (securePort >= 0) {
        String listener = "listener.name." + SECURE_LISTENER.toLowerCase(Locale.ROOT) + ".";
        p.put("listeners", p.get("listeners") + "," + SECURE_LISTENER + "://" + HOST + ":" + securePort);
        p.put("advertised.listeners", p.get("advertised.listeners") + "," + SECURE_LISTENER + "://"
            + HOST + ":" + securePort);
        boolean mutual = clientTrustStore != null;
        p.put("listener.security.protocol.map", p.get("listener.security.protocol.map") + ","
            + SECURE_LISTENER + (mutual ? ":SSL" : ":SASL_SSL"));
        if (mutual) {
          p.put(listener + "ssl.client.auth", "required");
          p.put(listener + "ssl.truststore.location", clientTrustStore.toString());
          p.put(listener + "ssl.truststore.password", keyStorePassword);
          p.put(listener + "ssl.truststore.type", "PKCS12");
        } else {
          p.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
          p.put(listener + "scram-sha-512.sasl.jaas.config",
              "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        p.put(listener + "ssl.keystore.location", keyStore.toString());
        p.put(listener + "ssl.keystore.password", keyStorePassword);
        p.put(listener + "ssl.keystore.type", "PKCS12");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // the broker itself, the controller and the harness's PLAINTEXT listener are ANONYMOUS
        p.put("super.users", "User:ANONYMOUS");
        p.put("allow.everyone.if.no.acl.found", "false");
      }
      // Quick group joins and small footprints on a developer machine.
      p.put("group.initial.rebalance.delay.ms", "0");
      p.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
      p.put("num.network.threads", "2");
      p.put("num.io.threads", "2");
      p.put("background.threads", "2");
      p.putAll(overrides);
      return p;
    }

    private static void format(String logDir) throws Exception {
      Formatter formatter = new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .addDirectory(logDir)
          .setMetadataLogDirectory(logDir)
          .setReleaseVersion(MetadataVersion.latestProduction())
          .setControllerListenerName(CONTROLLER_LISTENER);
      formatter.run();
    }

    private static EmbeddedKafka startServers(Path baseDir, KafkaConfig config,
        Map<String, ServerSocketChannel> prebound, List<ServerSocketChannel> sockets) {
      Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> dirs =
          KafkaRaftServer.initializeLogDirs(config, LOG, "[embedded-kafka] ");
      // Faults are logged, not turned into a halt of the JVM (Kafka's standard fatal handler
      // would end the whole application or test run).
      FaultHandlerFactory faults = (name, fatal, action) -> new LoggingFaultHandler(name, action);
      ServerSocketFactory socketFactory = (listener, address, backlog, bufferSize) -> {
        ServerSocketChannel s = prebound.get(listener);
        return s != null && s.isOpen() ? s
            : ServerSocketFactory.INSTANCE.openServerSocket(listener, address, backlog,
                bufferSize);
      };
      SharedServer shared = new SharedServer(config, dirs._1(), Time.SYSTEM, new Metrics(),
          CompletableFuture.completedFuture(
              QuorumConfig.parseVoterConnections(config.quorumConfig().voters())),
          QuorumConfig.parseBootstrapServers(config.quorumConfig().bootstrapServers()),
          faults, socketFactory);
      ControllerServer controller =
          new ControllerServer(shared, KafkaRaftServer.configSchema(), dirs._2());
      BrokerServer broker = new BrokerServer(shared);
      try {
        // Controller first so that its endpoints are known to the Raft manager; the broker's
        // startup returns once the controller has unfenced it.
        controller.startup();
        broker.startup();
      } catch (RuntimeException e) {
        swallow("broker shutdown", broker::shutdown);
        swallow("controller shutdown", controller::shutdown);
        throw e;
      }
      EmbeddedKafka kafka = new EmbeddedKafka(baseDir, config, controller, broker, sockets);
      LOG.info("embedded Kafka started at {} (log dir {})", kafka.bootstrapServers, baseDir);
      return kafka;
    }
  }
}
