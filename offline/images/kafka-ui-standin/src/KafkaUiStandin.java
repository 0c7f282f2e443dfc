import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Stand-in for kafbat/kafka-ui in end-to-end tests.
 *
 * <p>It reads the same environment variables as the real application for the
 * features the deployment uses, keeps trying to reach the cluster (as the real
 * one does at start), and serves a tiny subset of its HTTP surface:
 *
 * <ul>
 *   <li>{@code GET /actuator/health}: always {@code {"status":"UP"}}, never behind
 *       login, because the real one reports the web application, not the cluster.
 *   <li>{@code GET /api/clusters}: name and online/offline state of the cluster.
 *   <li>{@code GET /api/clusters/<name>/topics}: JSON array of topic names from a
 *       fresh listTopics call ({@code ?showInternal=true} adds internal topics).
 *   <li>{@code GET /}: a small HTML page.
 * </ul>
 *
 * <p>With {@code AUTH_TYPE=LOGIN_FORM} everything except the actuator health/info
 * endpoints needs HTTP basic credentials matching {@code SPRING_SECURITY_USER_NAME}
 * and {@code SPRING_SECURITY_USER_PASSWORD}; the real application uses a login
 * form there, which tests cannot drive as simply.
 */
public final class KafkaUiStandin {

    private static final String PROPERTIES_PREFIX = "KAFKA_CLUSTERS_0_PROPERTIES_";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

    private final String clusterName;
    private final String bootstrapServers;
    private final int port;
    private final boolean loginRequired;
    private final byte[] expectedUser;
    private final byte[] expectedPassword;
    private final Properties adminProps = new Properties();
    private Admin admin; // guarded by this; created lazily, see admin()

    private volatile String clusterStatus = "initializing";

    private KafkaUiStandin(Map<String, String> env) {
        clusterName = env.getOrDefault("KAFKA_CLUSTERS_0_NAME", "local");
        bootstrapServers = env.get("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS");
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS is not set");
        }
        port = Integer.parseInt(env.getOrDefault("SERVER_PORT", "8080").trim());

        String authType = env.getOrDefault("AUTH_TYPE", "").trim().toUpperCase(Locale.ROOT);
        switch (authType) {
            case "", "DISABLED" -> loginRequired = false;
            case "LOGIN_FORM" -> loginRequired = true;
            // Quietly running without login would make a test of an unsupported
            // mode pass for the wrong reason.
            default -> throw new IllegalArgumentException("AUTH_TYPE=" + authType + " is not supported by the stand-in");
        }
        String user = env.get("SPRING_SECURITY_USER_NAME");
        String password = env.get("SPRING_SECURITY_USER_PASSWORD");
        if (loginRequired && (user == null || user.isEmpty() || password == null || password.isEmpty())) {
            throw new IllegalArgumentException(
                    "AUTH_TYPE=LOGIN_FORM needs SPRING_SECURITY_USER_NAME and SPRING_SECURITY_USER_PASSWORD");
        }
        expectedUser = user == null ? new byte[0] : user.getBytes(StandardCharsets.UTF_8);
        expectedPassword = password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8);

        Properties props = adminProps;
        // Same relaxed binding as Spring for the common case:
        // KAFKA_CLUSTERS_0_PROPERTIES_SECURITY_PROTOCOL -> security.protocol
        env.forEach((k, v) -> {
            if (k.startsWith(PROPERTIES_PREFIX) && k.length() > PROPERTIES_PREFIX.length()) {
                props.put(k.substring(PROPERTIES_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-ui-standin");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis() + 5000);
    }

    /**
     * The client is created on first use rather than at start: creating it fails
     * outright while none of the bootstrap names resolve, which is normal when the
     * UI starts before (or restarts while) the brokers' containers are down.
     */
    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminProps);
        }
        return admin;
    }

    private synchronized void closeAdmin() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }

    public static void main(String[] args) throws Exception {
        KafkaUiStandin app;
        try {
            app = new KafkaUiStandin(System.getenv());
        } catch (IllegalArgumentException e) {
            log("configuration error: " + e.getMessage());
            System.exit(1);
            return;
        }
        app.run();
    }

    private void run() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("stopping");
            server.stop(1);
            closeAdmin();
            log("stopped");
        }, "shutdown"));

        server.start();
        log("listening on port " + port + " (cluster '" + clusterName + "' at " + bootstrapServers
                + (loginRequired ? ", login required" : ", no login") + ")");

        Thread connector = new Thread(this::connectUntilReachable, "connector");
        connector.setDaemon(true);
        connector.start();
    }

    private void connectUntilReachable() {
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                int count = listTopics(false).size();
                clusterStatus = "online";
                log("connected to cluster '" + clusterName + "' after " + attempt + " attempt(s): " + count + " topic(s)");
                return;
            } catch (Exception e) {
                clusterStatus = "offline";
                log("cluster '" + clusterName + "' not reachable yet (attempt " + attempt + "): " + rootMessage(e));
            }
            try {
                TimeUnit.MILLISECONDS.sleep(RETRY_DELAY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<String> listTopics(boolean internal) throws Exception {
        ListTopicsOptions options = new ListTopicsOptions()
                .listInternal(internal)
                .timeoutMs((int) CALL_TIMEOUT.toMillis());
        List<String> names = new ArrayList<>(
                admin().listTopics(options).names().get(CALL_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS));
        names.sort(null);
        return names;
    }

    private String currentStatus() {
        try {
            admin().describeCluster(new DescribeClusterOptions().timeoutMs(5000))
                    .nodes().get(6, TimeUnit.SECONDS);
            clusterStatus = "online";
        } catch (Exception e) {
            clusterStatus = "offline";
        }
        return clusterStatus;
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(ex, 405, "application/json", "{\"error\":\"method not allowed\"}");
                return;
            }
            if (path.equals("/actuator/health") || path.startsWith("/actuator/health/")) {
                send(ex, 200, "application/json", "{\"status\":\"UP\"}");
                return;
            }
            if (path.equals("/actuator/info")) {
                send(ex, 200, "application/json", "{}");
                return;
            }
            if (loginRequired && !authorized(ex)) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"kafka-ui\"");
                send(ex, 401, "application/json", "{\"error\":\"unauthorized\"}");
                return;
            }
            if (path.equals("/") || path.equals("/index.html")) {
                send(ex, 200, "text/html; charset=utf-8", indexPage());
            } else if (path.equals("/api/clusters") || path.equals("/api/clusters/")) {
                send(ex, 200, "application/json", "[{\"name\":" + json(clusterName)
                        + ",\"defaultCluster\":true,\"status\":" + json(currentStatus()) + "}]");
            } else if (path.startsWith("/api/clusters/") && path.endsWith("/topics")) {
                String name = path.substring("/api/clusters/".length(), path.length() - "/topics".length());
                if (!name.equals(clusterName)) {
                    send(ex, 404, "application/json", "{\"error\":\"unknown cluster\"}");
                    return;
                }
                boolean internal = "showInternal=true".equals(ex.getRequestURI().getQuery());
                try {
                    send(ex, 200, "application/json", jsonArray(listTopics(internal)));
                } catch (Exception e) {
                    send(ex, 503, "application/json", "{\"error\":" + json(rootMessage(e)) + "}");
                }
            } else {
                send(ex, 404, "application/json", "{\"error\":\"not found\"}");
            }
        } catch (RuntimeException e) {
            log("request failed: " + e);
        }
    }

    private boolean authorized(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        // Constant-time comparisons; evaluate both so timing does not reveal which part was wrong.
        boolean userOk = MessageDigest.isEqual(decoded.substring(0, colon).getBytes(StandardCharsets.UTF_8), expectedUser);
        boolean passwordOk = MessageDigest.isEqual(decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8), expectedPassword);
        return userOk & passwordOk;
    }

    private String indexPage() {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>UI for Apache Kafka (test stand-in)</title></head>\n"
                + "<body><h1>UI for Apache Kafka</h1>\n"
                + "<p>Test stand-in. Cluster <b>" + html(clusterName) + "</b> at <code>" + html(bootstrapServers)
                + "</code>: " + html(clusterStatus) + ".</p>\n"
                + "<p><a href=\"/api/clusters/" + html(clusterName) + "/topics\">topics</a></p>\n"
                + "</body></html>\n";
    }

    private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    // --------------------------------------------------------------- helpers

    private static String jsonArray(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(json(items.get(i)));
        }
        return sb.append(']').toString();
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t.getCause() != null) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static void log(String message) {
        System.out.println(Instant.now() + " kafka-ui-standin: " + message);
        System.out.flush();
    }
}
