package dev.cosgraph.neo4jserver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;

/**
 * Throwaway Neo4j 5 Community server for cosgraph tests and local use.
 *
 * <p>Why embedded + Bolt instead of neo4j-harness: no Docker images and no Neo4j tarball can be
 * fetched here, only Maven Central. neo4j-harness would also come from Maven, but it is a
 * test-fixture API (JUnit-oriented, always boots the HTTP server/Jetty, picks its own ports and
 * temp dirs, runs with auth disabled and offers no way to set an initial password). Embedding
 * {@code org.neo4j:neo4j} and switching on the Bolt connector gives exactly what cosgraph talks to
 * in production (Bolt + username/password auth), with no HTTP stack and a faster start.
 *
 * <p>Usage: {@code java -jar neo4j-server.jar --data-dir DIR [--port 7687]} with the password for
 * user {@code neo4j} in env {@code COSGRAPH_NEO4J_PASSWORD} (kept out of argv so it does not show
 * in {@code ps}); {@code --password-file FILE} is an alternative. Listens on 127.0.0.1 only.
 * Prints {@code NEO4J_SERVER_READY bolt://127.0.0.1:PORT ...} once the password is in place.
 * SIGTERM/SIGINT shut the DBMS down cleanly (shutdown hook).
 *
 * <p>Password: on a fresh data dir we do what {@code neo4j-admin dbms set-initial-password} does,
 * i.e. write {@code data/dbms/auth.ini} before the first start; the system database then creates
 * user neo4j with that password and no forced change. This avoids compiling a Cypher admin
 * command during start (about 1.5-2 s on 2 cores). It relies on Neo4j's internal security
 * classes, so if that did not take effect (checked through the core API, no Cypher) we fall back
 * to {@code ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED} on the system database, which
 * embedded transactions may run without logging in.
 */
public final class Main {

  private static final String USER = "neo4j";

  private Main() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = null;
    int port = 7687;
    String password = System.getenv("COSGRAPH_NEO4J_PASSWORD");
    long pageCacheMb = 128;

    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--data-dir" -> dataDir = Path.of(need(args, ++i, a)).toAbsolutePath();
        case "--port" -> port = Integer.parseInt(need(args, ++i, a));
        case "--password-file" ->
            password = Files.readString(Path.of(need(args, ++i, a)), StandardCharsets.UTF_8).strip();
        case "--pagecache-mb" -> pageCacheMb = Long.parseLong(need(args, ++i, a));
        case "-h", "--help" -> {
          System.out.println(
              "usage: neo4j-server --data-dir DIR [--port N] [--password-file F] [--pagecache-mb N]\n"
                  + "password from env COSGRAPH_NEO4J_PASSWORD unless --password-file is given");
          return;
        }
        default -> die("unknown argument: " + a);
      }
    }
    if (dataDir == null) {
      die("--data-dir is required");
    }
    if (password == null || password.length() < 8) {
      die("set COSGRAPH_NEO4J_PASSWORD (or --password-file) to a password of at least 8 chars");
    }

    long t0 = System.nanoTime();
    Files.createDirectories(dataDir);
    boolean fresh = !Files.exists(dataDir.resolve("data"));
    if (fresh) {
      try {
        writeInitialPassword(dataDir, password);
      } catch (Exception | LinkageError e) {
        System.out.println("neo4j-server: could not pre-seed auth.ini (" + e + "), using ALTER USER");
      }
    }

    // Register the hook before building, so a SIGTERM during startup still shuts down cleanly.
    AtomicReference<DatabaseManagementService> ref = new AtomicReference<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  DatabaseManagementService d = ref.getAndSet(null);
                  if (d != null) {
                    System.out.println("neo4j-server: shutting down");
                    d.shutdown();
                    System.out.println("neo4j-server: stopped");
                  }
                  stopped.countDown();
                },
                "neo4j-shutdown"));

    SocketAddress bolt = new SocketAddress("127.0.0.1", port);
    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(dataDir)
            .setConfig(GraphDatabaseSettings.auth_enabled, true)
            .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress("127.0.0.1"))
            .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress("127.0.0.1"))
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, bolt)
            .setConfig(BoltConnector.advertised_address, bolt)
            .setConfig(HttpConnector.enabled, false)
            .setConfig(HttpsConnector.enabled, false)
            // Small footprint: 2-core box shared with the test suite. Heap is set by the launcher.
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
            // Throwaway data: don't preallocate 256 MiB transaction logs / store files.
            .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
            .setConfig(GraphDatabaseSettings.preallocate_store_files, false)
            .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16))
            .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(2))
            // Faster stop: Bolt otherwise waits up to 5 s per Netty event-loop group (it always
            // uses the full wait), after the databases are already checkpointed and closed.
            .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(200))
            .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(200))
            // No usage-data reporting to neo4j.com.
            .setConfig(GraphDatabaseSettings.udc_enabled, false)
            .build();
    ref.set(dbms);
    long t1 = System.nanoTime();

    String how = "auth.ini";
    try {
      if (!fresh || !initialPasswordApplied(dbms)) {
        how = "ALTER USER";
        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
            .executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
      }
    } catch (RuntimeException e) {
      System.err.println("neo4j-server: setting the password failed: " + e);
      System.exit(1); // runs the shutdown hook
    }

    long t2 = System.nanoTime();
    System.out.printf(
        "NEO4J_SERVER_READY bolt://127.0.0.1:%d (neo4j %s; dbms %d ms, password via %s %d ms; data %s)%n",
        port, neo4jVersion(), (t1 - t0) / 1_000_000, how, (t2 - t1) / 1_000_000, dataDir);
    System.out.flush();
    stopped.await();
  }

  /** What {@code neo4j-admin dbms set-initial-password} does: write data/dbms/auth.ini. */
  private static void writeInitialPassword(Path home, String password) throws Exception {
    Config cfg = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build();
    Path authIni = CommunitySecurityModule.getInitialUserRepositoryFile(cfg);
    try (var fs = new DefaultFileSystemAbstraction()) {
      fs.mkdirs(authIni.getParent());
      fs.deleteFile(authIni);
      var repo =
          new FileUserRepository(fs, authIni, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
      repo.start();
      repo.create(
          new User(
              USER,
              null,
              SystemGraphCredential.createCredentialForPassword(
                  password.getBytes(StandardCharsets.UTF_8), new SecureHasher()),
              false,
              false));
      repo.shutdown();
    }
  }

  /** Core-API check (no Cypher) that user neo4j exists without a forced password change. */
  private static boolean initialPasswordApplied(DatabaseManagementService dbms) {
    try (Transaction tx = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).beginTx()) {
      Node user = tx.findNode(Label.label("User"), "name", USER);
      return user != null && Boolean.FALSE.equals(user.getProperty("passwordChangeRequired", null));
    }
  }

  private static String neo4jVersion() {
    Package p = DatabaseManagementService.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v == null ? "5.x" : v;
  }

  private static String need(String[] args, int i, String flag) {
    if (i >= args.length) {
      die(flag + " needs a value");
    }
    return args[i];
  }

  private static void die(String msg) {
    System.err.println("neo4j-server: " + msg);
    System.exit(2);
  }
}
