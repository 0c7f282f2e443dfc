package kafkamodel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import kafka.server.ControllerConfigurationValidator;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.storage.internals.log.LogConfig;

/**
 * Kafka's own verdict on configurations, for the differential test: the same
 * calls a broker makes, in one JVM for every case.
 *
 * Input, one case per line (fields tab-separated, texts base64 of a
 * server.properties-style file):
 *   id  broker  server.properties
 *   id  topic   server.properties  topic-configs
 * Output, one line per case: "id<TAB>ok" or "id<TAB>reject<TAB>message".
 *
 * broker: KafkaConfig.fromProps(props, true), what kafka-server-start runs
 * before anything else, then the checks LogManager.apply runs on the broker's
 * log defaults (LogConfig.validateBrokerLogConfigValues and new LogConfig).
 * topic, on Kafka 3.x (ZooKeeper mode): LogConfig.validate with the cluster's
 * broker log defaults and fromZK=true, what AdminZkClient.validateTopicCreate
 * runs when a ZooKeeper-mode broker handles CreateTopics. On Kafka 4.x (KRaft
 * only): ControllerConfigurationValidator, what the controller runs on a
 * CreateTopics it receives, built from the same KafkaConfig.
 */
public final class Oracle {
    private Oracle() {}

    private static final Map<String, Object> brokers = new HashMap<>();

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            String verdict = switch (f[1]) {
                case "broker" -> verdict(() -> broker(f[2]));
                case "topic" -> verdict(() -> topic(f[2], f[3]));
                default -> throw new IllegalArgumentException("unknown case kind " + f[1]);
            };
            out.println(f[0] + "\t" + verdict);
        }
        out.flush();
    }

    private interface Check {
        void run() throws Exception;
    }

    private static String verdict(Check check) {
        try {
            check.run();
            return "ok";
        } catch (Exception e) {
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            return "reject\t" + message.replaceAll("[\\t\\r\\n]+", " ");
        }
    }

    private static KafkaConfig broker(String encoded) throws IOException {
        Object cached = brokers.get(encoded);
        if (cached instanceof KafkaConfig config) return config;
        if (cached instanceof RuntimeException e) throw e;
        try {
            KafkaConfig config = KafkaConfig.fromProps(properties(encoded), true);
            // What LogManager.apply runs next at start, on the broker's log defaults.
            boolean tiered = config.remoteLogManagerConfig().isRemoteStorageSystemEnabled();
            LogConfig.validateBrokerLogConfigValues(config.extractLogConfigMap(), tiered);
            new LogConfig(config.extractLogConfigMap());
            brokers.put(encoded, config);
            return config;
        } catch (RuntimeException e) {
            brokers.put(encoded, e);
            throw e;
        }
    }

    private static void topic(String brokerEncoded, String topicEncoded) throws Exception {
        KafkaConfig broker;
        try {
            broker = broker(brokerEncoded);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the broker itself would not start: " + e.getMessage(), e);
        }
        Properties topic = properties(topicEncoded);
        if (ZOOKEEPER_MODE) {
            // LogConfig.validate(Map, Properties, Map, boolean, boolean) exists only up to 3.x, so it is looked up.
            Method validate = LogConfig.class.getMethod("validate", Map.class, Properties.class, Map.class, boolean.class, boolean.class);
            invoke(validate, null, Collections.emptyMap(), topic, broker.extractLogConfigMap(),
                    broker.remoteLogManagerConfig().isRemoteStorageSystemEnabled(), true);
        } else {
            Map<String, String> configs = new HashMap<>();
            topic.stringPropertyNames().forEach(name -> configs.put(name, topic.getProperty(name)));
            new ControllerConfigurationValidator(broker).validate(new ConfigResource(ConfigResource.Type.TOPIC, "t"), configs, Collections.emptyMap());
        }
    }

    /** Kafka 3.x still has ZooKeeper mode; Kafka 4 removed it with every zookeeper.* key. */
    private static final boolean ZOOKEEPER_MODE = KafkaConfig.configDef().configKeys().containsKey("zookeeper.connect");

    /** Rethrows what the method threw, so verdicts carry Kafka's own exception. */
    private static void invoke(Method method, Object target, Object... args) throws Exception {
        try {
            method.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        }
    }

    private static Properties properties(String encoded) throws IOException {
        Properties props = new Properties();
        String text = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        // The broker reads server.properties as ISO-8859-1 (java.util.Properties.load(InputStream));
        // the renderer escapes everything beyond it, so reading the text as characters is the same.
        props.load(new StringReader(text));
        return props;
    }
}
