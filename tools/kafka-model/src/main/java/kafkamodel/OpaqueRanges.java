package kafkamodel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Some integer validators are lambdas or anonymous classes whose limits cannot
 * be read by reflection. Each known shape is interpreted as a range (plus one
 * extra allowed value), then the interpretation is proven against the validator
 * itself on the values around every limit; generation fails if Kafka disagrees.
 */
final class OpaqueRanges {
    private OpaqueRanges() {}

    // CompressionType's level validators describe themselves as "[1,...,9] or -1".
    private static final Pattern RANGE_OR = Pattern.compile("\\[(-?\\d+),\\.\\.\\.,(-?\\d+)] or (-?\\d+)");
    // RemoteLogManagerConfig's thread-pool sizes: "-1 means ... fallback", otherwise at least 1.
    private static final String FALLBACK_TO_OTHER_SETTING = "The default value of -1 means that this will be set to the configured value of";

    static Map<String, Object> interpret(ConfigDef.Validator validator) {
        String text = validator.toString();
        Matcher m = RANGE_OR.matcher(text);
        Map<String, Object> range;
        if (m.matches()) {
            range = range(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
        } else if (text.startsWith(FALLBACK_TO_OTHER_SETTING)) {
            range = range(1L, null, -1L);
        } else {
            return null;
        }
        prove(validator, range);
        return range;
    }

    private static Map<String, Object> range(Long min, Long max, Long orExactly) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "range");
        out.put("min", min);
        if (max != null) out.put("max", max);
        out.put("orExactly", orExactly);
        return out;
    }

    private static void prove(ConfigDef.Validator validator, Map<String, Object> range) {
        long min = (Long) range.get("min");
        Long max = (Long) range.get("max");
        long orExactly = (Long) range.get("orExactly");
        List<Long> probes = new java.util.ArrayList<>(List.of(min - 1, min, min + 1, orExactly - 1, orExactly, orExactly + 1, (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE));
        if (max != null) probes.addAll(List.of(max - 1, max, max + 1));
        for (long probe : probes) {
            boolean expected = probe == orExactly || (probe >= min && (max == null || probe <= max));
            boolean actual;
            try {
                validator.ensureValid("probe", (int) probe);
                actual = true;
            } catch (ConfigException e) {
                actual = false;
            }
            if (expected != actual) {
                throw new IllegalStateException("validator " + validator + " disagrees with " + range + " at " + probe);
            }
        }
    }
}
