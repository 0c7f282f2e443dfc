// Kafka's own rules for topic names (org.apache.kafka.common.internals.Topic),
// checked before any topic is created so a bad name fails the preview, not the apply.

export const MAX_TOPIC_NAME_LENGTH = 249;
const LEGAL = /^[a-zA-Z0-9._-]+$/;

export function topicNameProblem(name: string): string | undefined {
    const key = topicPath(name);
    if (name === "") {
        return `${key}: a topic name must not be empty`;
    }
    if (name === "." || name === "..") {
        return `${key}: a topic name cannot be "." or ".."`;
    }
    if (name.length > MAX_TOPIC_NAME_LENGTH) {
        return `${key}: the name is ${name.length} characters long but Kafka allows at most ${MAX_TOPIC_NAME_LENGTH}`;
    }
    if (!LEGAL.test(name)) {
        const illegal = [...new Set([...name].filter((character) => !/[a-zA-Z0-9._-]/.test(character)))];
        return `${key}: the name contains ${illegal.map((character) => JSON.stringify(character)).join(", ")} but Kafka allows only letters, digits, ".", "_" and "-"`;
    }
    if (name.startsWith("__")) {
        return `${key}: names starting with "__" are reserved for Kafka's internal topics`;
    }
    return undefined;
}

/**
 * Kafka refuses a topic whose name equals an existing one once "." and "_" are
 * treated alike, because both map to the same metric name.
 */
export function topicNameCollisions(names: readonly string[]): string[] {
    const byMetricName = new Map<string, string[]>();
    for (const name of names) {
        const metricName = name.replace(/\./g, "_");
        byMetricName.set(metricName, [...(byMetricName.get(metricName) ?? []), name]);
    }
    return [...byMetricName.values()]
        .filter((group) => group.length > 1)
        .map(
            (group) =>
                `topics ${group.map((name) => JSON.stringify(name)).join(" and ")} collide: Kafka treats "." and "_" alike in topic names, so only one of them can exist`,
        );
}

/** How messages refer to a topic: `topics.orders`, or `topics."app.logs"` when the name has dots. */
export function topicPath(name: string): string {
    return /^[A-Za-z0-9_-]+$/.test(name) ? `topics.${name}` : `topics.${JSON.stringify(name)}`;
}
