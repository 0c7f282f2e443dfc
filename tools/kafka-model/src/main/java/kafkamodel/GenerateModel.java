package kafkamodel;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.server.config.ConfigSynonym;
import org.apache.kafka.server.config.ServerTopicConfigSynonyms;
import org.apache.kafka.storage.internals.log.LogConfig;

/**
 * Writes the config model of the Kafka version on the classpath: every broker
 * key of KafkaConfig's ConfigDef (what a broker parses and validates at start)
 * and every topic key of LogConfig's ConfigDef (what a broker validates when a
 * topic is created), with type, default, validator and importance, and for
 * topic keys the broker properties that supply their cluster-wide default.
 *
 * Usage: GenerateModel <output.json>
 */
public final class GenerateModel {
    private GenerateModel() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) throw new IllegalArgumentException("usage: GenerateModel <output.json>");
        Map<String, Object> model = new LinkedHashMap<>();
        String version = kafkaVersion();
        model.put("kafkaVersion", version);
        model.put("generatedBy", "tools/kafka-model/generate.sh " + version);
        model.put("metadataVersions", metadataVersions());
        model.put("broker", keys(KafkaConfig.configDef().configKeys(), name -> Map.of()));
        model.put("topic", keys(LogConfig.configKeys(), GenerateModel::serverDefault));
        Files.writeString(Path.of(args[0]), Json.write(model), StandardCharsets.UTF_8);
    }

    /** The version kafka-clients was built as (what AppInfoParser reports; that class moved in 4.x). */
    private static String kafkaVersion() throws IOException {
        Properties props = new Properties();
        try (InputStream in = ConfigDef.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            if (in == null) throw new IllegalStateException("kafka-clients has no kafka/kafka-version.properties");
            props.load(in);
        }
        return props.getProperty("version");
    }

    private static Map<String, Object> keys(Map<String, ConfigKey> keys, Function<String, Map<String, Object>> extra) {
        Map<String, Object> out = new TreeMap<>();
        for (ConfigKey key : keys.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", key.type.name().toLowerCase());
            if (key.hasDefault()) {
                entry.put("default", ConfigDef.convertToString(key.defaultValue, key.type));
            } else {
                entry.put("required", true);
            }
            Map<String, Object> validator = validator(key.validator);
            if (validator != null) entry.put("validator", validator);
            entry.put("importance", key.importance.name().toLowerCase());
            if (key.internalConfig) entry.put("internal", true);
            String doc = key.documentation == null ? "" : key.documentation.toLowerCase();
            if (doc.contains("deprecated")) entry.put("deprecated", true);
            entry.putAll(extra.apply(key.name));
            out.put(key.name, entry);
        }
        return out;
    }

    /** Broker properties that give a topic key its cluster default, most specific first. */
    private static Map<String, Object> serverDefault(String topicKey) {
        List<ConfigSynonym> synonyms = ServerTopicConfigSynonyms.ALL_TOPIC_CONFIG_SYNONYMS.get(topicKey);
        if (synonyms == null || synonyms.isEmpty()) return Map.of();
        List<Object> list = new ArrayList<>();
        for (ConfigSynonym synonym : synonyms) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", synonym.name());
            if (synonym.converter() == ConfigSynonym.HOURS_TO_MILLISECONDS) s.put("multiplier", 3_600_000L);
            else if (synonym.converter() == ConfigSynonym.MINUTES_TO_MILLISECONDS) s.put("multiplier", 60_000L);
            list.add(s);
        }
        return Map.of("serverDefault", list);
    }

    private static List<Object> metadataVersions() {
        List<Object> versions = new ArrayList<>();
        for (MetadataVersion v : MetadataVersion.VERSIONS) versions.add(v.version());
        return versions;
    }

    /** Validators as data; anything not recognised is written with its class so the TS side can refuse to guess. */
    private static Map<String, Object> validator(ConfigDef.Validator validator) {
        if (validator == null) return null;
        Map<String, Object> out = new LinkedHashMap<>();
        String cls = validator.getClass().getName();
        switch (validator.getClass().getSimpleName()) {
            case "Range" -> {
                out.put("kind", "range");
                Object min = field(validator, "min");
                Object max = field(validator, "max");
                if (min != null) out.put("min", number(min));
                if (max != null) out.put("max", number(max));
            }
            case "ValidString" -> {
                out.put("kind", "oneOf");
                out.put("values", new ArrayList<>((Collection<?>) field(validator, "validStrings")));
            }
            case "CaseInsensitiveValidString" -> {
                out.put("kind", "oneOfIgnoreCase");
                out.put("values", new ArrayList<>(new TreeSet<>((Collection<?>) field(validator, "validStrings"))));
            }
            case "ValidList" -> {
                out.put("kind", "listOf");
                out.put("values", new ArrayList<>((Collection<?>) field(field(validator, "validString"), "validStrings")));
                // Kafka 4 lists: no values means any value, and an empty list is refused unless allowed.
                if (hasField(validator, "isEmptyAllowed")) out.put("allowEmpty", field(validator, "isEmptyAllowed"));
            }
            case "NonNullValidator" -> out.put("kind", "nonNull");
            case "NonEmptyString" -> out.put("kind", "nonEmpty");
            case "NonEmptyStringWithoutControlChars" -> out.put("kind", "nonEmptyWithoutControlChars");
            case "MetadataVersionValidator" -> out.put("kind", "metadataVersion");
            case "ThrottledReplicaListValidator" -> out.put("kind", "throttledReplicas");
            case "CompositeValidator" -> {
                out.put("kind", "all");
                List<Object> parts = new ArrayList<>();
                for (Object v : (Collection<?>) field(validator, "validators")) parts.add(validator((ConfigDef.Validator) v));
                out.put("of", parts);
            }
            default -> {
                Map<String, Object> range = OpaqueRanges.interpret(validator);
                if (range != null) return range;
                out.put("kind", "opaque");
                out.put("class", cls.replaceAll("\\$\\$Lambda.*", "\\$\\$Lambda"));
                out.put("text", validator.toString().replaceAll("\\$\\$Lambda\\S*", "\\$\\$Lambda"));
            }
        }
        return out;
    }

    private static Object number(Object n) {
        if (n instanceof Double d) return d;
        if (n instanceof Float f) return (double) f;
        return ((Number) n).longValue();
    }

    private static boolean hasField(Object target, String name) {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) if (f.getName().equals(name)) return true;
        }
        return false;
    }

    private static Object field(Object target, String name) {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no field " + name + " on " + target.getClass());
    }
}
