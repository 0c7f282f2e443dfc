import { BROKER_HEALTHCHECK_PATH } from "./brokerHealthcheck";
import { CONTROLLER_HEALTHCHECK_PATH } from "./controllerHealthcheck";
import { UI_CONTAINER_PORT, ZOOKEEPER_CLIENT_PORT } from "./listeners";
import { NGINX_CONTAINER_PORT, NGINX_HEALTH_PATH } from "./nginxConf";
import { acceptsConnections } from "./probeJvm";

// Each service's Docker healthcheck, in one place: `up` waits for them, on the
// container (`wait: true`) or, for ZooKeeper and the brokers, through a one-shot
// container that asks the same question sooner; the e2e baseline gives its plain
// `docker run` containers the very same ones, so the two are timed against the
// same notion of ready.

export interface Healthcheck {
    // Durations in Go's canonical form (10s, 3m0s), the form Docker reports back.
    /** Docker's form: ["CMD", program, ...args] or ["CMD-SHELL", command]. */
    readonly tests: string[];
    readonly interval: string;
    readonly timeout: string;
    readonly retries: number;
    readonly startPeriod: string;
}

/** ZooKeeper's four-letter "are you ok", answered imok by a running server, as a shell test. */
export function zookeeperAnswers(host: string): string {
    // printf, not echo: ZooKeeper never reads a trailing newline, and closing
    // with unread input resets the connection, sometimes before imok arrives.
    return `printf ruok | nc -w 2 ${host} ${ZOOKEEPER_CLIENT_PORT} | grep -q imok`;
}

/** How long `pulumi up` waits for ZooKeeper to answer. */
export const ZOOKEEPER_WAIT_SECONDS = 120;

export const ZOOKEEPER_HEALTHCHECK: Healthcheck = {
    tests: ["CMD-SHELL", zookeeperAnswers("127.0.0.1")],
    // Checked often (the probe is a few bytes over loopback), so a started
    // ZooKeeper is seen at once; failures still take a minute to count.
    interval: "2s",
    timeout: "5s",
    retries: 30,
    startPeriod: "10s",
};

export const BROKER_HEALTHCHECK: Healthcheck = {
    // Answering and in sync on every partition it holds (see brokerHealthcheck.ts):
    // a rolling change moves on only once the broker has caught up.
    // Failures during the start period do not count, so a starting broker has
    // three minutes to load its logs and catch up without being called unhealthy;
    // once it has been healthy, three failed checks in a row (about 30 s) flip it,
    // so `pulumi up` (which waits on this) stops a rollout that went wrong
    // instead of reporting success over a broker out of every ISR.
    tests: ["CMD", "sh", BROKER_HEALTHCHECK_PATH],
    interval: "10s",
    timeout: "30s",
    retries: 3,
    // Written as Go prints a duration: the docker provider reads "3m0s" back from
    // Docker, and "180s" would differ from it on every run and replace the brokers.
    startPeriod: "3m0s",
};

/** How long `pulumi up` waits for a broker (or a controller) to turn healthy: past the start period and the checks after it. */
export const BROKER_WAIT_SECONDS = 300;

export const CONTROLLER_HEALTHCHECK: Healthcheck = {
    // Caught up in the quorum (see controllerHealthcheck.ts): a rolling change
    // moves to the next controller only once this one counts as a vote again.
    // A broker's timing, for the same reasons: the probe is a JVM, so every 10 s,
    // and a started controller has the start period to replay its log.
    ...BROKER_HEALTHCHECK,
    tests: ["CMD", "sh", CONTROLLER_HEALTHCHECK_PATH],
};

export const UI_HEALTHCHECK: Healthcheck = {
    // /actuator/health stays open when the login form is on.
    tests: ["CMD-SHELL", `wget -qO- http://127.0.0.1:${UI_CONTAINER_PORT}/actuator/health | grep -q UP`],
    // A local HTTP request, cheap enough to make often: a started UI is seen
    // within 3 s; failures still take three minutes to count.
    interval: "3s",
    timeout: "3s",
    retries: 60,
    startPeriod: "30s",
};

export const NGINX_HEALTHCHECK: Healthcheck = {
    // curl is in the official image (and the stand-in); the probe is not logged.
    tests: ["CMD-SHELL", `curl -fsS -o /dev/null http://127.0.0.1:${NGINX_CONTAINER_PORT}${NGINX_HEALTH_PATH}`],
    interval: "10s",
    timeout: "5s",
    retries: 6,
    startPeriod: "5s",
};

/**
 * The shipper is healthy while rsyslogd runs and a broker's INTERNAL listener
 * accepts connections: unhealthy means lines are queueing, not lost. `docker logs`
 * says why (omkafka's errors).
 */
export function logShipperHealthcheck(bootstrapServers: readonly string[]): Healthcheck {
    const probes = bootstrapServers.map((address) => {
        const [host, port] = address.split(":");
        return acceptsConnections(host ?? "", port ?? "", 3);
    });
    return {
        tests: ["CMD-SHELL", `pgrep -x rsyslogd >/dev/null && { ${probes.join(" || ")}; }`],
        // Unhealthy within ~15 s of the last broker going away.
        interval: "5s",
        timeout: "15s",
        retries: 3,
        startPeriod: "10s",
    };
}
