// The broker's and the controller's healthchecks each start a Kafka CLI tool,
// that is a JVM of its own, every 10 s in every container. What they share:

/**
 * Seconds a probe's JVM may run, below Docker's healthcheck timeout (30 s):
 * Docker gives up on a probe at its timeout but leaves the process running, so
 * on a busy host probes would pile up, each a JVM, and slow everything further.
 */
export const PROBE_SECONDS = 20;

/**
 * The probe's JVM lives for a second or two: a small heap, one GC thread and
 * the quick C1 compiler only take a fraction of the CPU the server's defaults
 * (G1, C2) would spend starting it, which matters on a host short of CPU.
 */
export const PROBE_JVM_OPTIONS = "KAFKA_HEAP_OPTS=-Xmx128m KAFKA_JVM_PERFORMANCE_OPTS='-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true'";

/** A Kafka CLI call as a probe runs it: the light JVM, cut off at PROBE_SECONDS. */
export function probeCommand(tool: string): string {
    return `${PROBE_JVM_OPTIONS} timeout ${PROBE_SECONDS} ${tool}`;
}

/**
 * A shell test that `host:port` accepts TCP connections, given up after
 * `seconds`: bash's /dev/tcp, since busybox's sh has none; bash is in every
 * Kafka image (the distribution's scripts need it) and in the log shipper's.
 * Cheap enough to run before a probe's JVM, which would hang on a closed port.
 */
export function acceptsConnections(host: string, port: number | string, seconds: number): string {
    return `timeout ${seconds} bash -c '</dev/tcp/${host}/${port}' 2>/dev/null`;
}
