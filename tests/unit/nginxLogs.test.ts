import { ConfigContext, parseConfig, RawConfig } from "../../config";
import { accessLogFormat, renderNginxConf } from "../../lib/render/nginxConf";
import { ConfigValidationError } from "../../lib/config/problems";
import { renderRsyslogConf } from "../../lib/render/rsyslogConf";
import { runProgram, TYPES, uploadOf } from "./support/program";

// The optional Nginx access-log pipeline: its validation, its two rendered files,
// and what the program declares with it on and off.

const TOPICS = {
    "nginx-access-log": { partitions: 3, replicationFactor: 3, config: { "retention.ms": 86400000, "min.insync.replicas": 2 } },
    profiles: { partitions: 1, replicationFactor: 3, config: { "cleanup.policy": "compact" } },
};
const CONTEXT: ConfigContext = { project: "kafka-cluster", stack: "test" };
const ON = { enabled: true, topic: "nginx-access-log" };

function parse(nginxLogs: unknown, extra: RawConfig = {}) {
    return parseConfig({ brokers: 3, topics: TOPICS, nginxLogs, ...extra }, CONTEXT);
}

function problemsOf(nginxLogs: unknown, extra: RawConfig = {}): string[] {
    try {
        parse(nginxLogs, extra);
        return [];
    } catch (error) {
        if (error instanceof ConfigValidationError) {
            return [...error.problems];
        }
        throw error;
    }
}

describe("nginxLogs validation", () => {
    it("is off by default and when enabled is false", () => {
        expect(parseConfig({ topics: TOPICS }, CONTEXT).nginxLogs).toBeUndefined();
        expect(parse({ enabled: false, topic: "anything" }).nginxLogs).toBeUndefined();
    });

    it("fills in the defaults", () => {
        expect(parse(ON).nginxLogs).toEqual({
            topic: "nginx-access-log",
            instances: 1,
            hostPortBase: 18081,
            nginxImage: "nginx:1.28.0",
            shipperImage: "kafka-cluster/nginx-log-shipper:8.2302.0",
            queueMaxMb: 1024,
        });
    });

    it.each([
        ["no topic", { enabled: true }, "nginxLogs.topic is missing but the log pipeline needs one of the stack's topics to write to (declared: nginx-access-log, profiles)"],
        [
            "an undeclared topic",
            { ...ON, topic: "nginx-acess-log" },
            'nginxLogs.topic is "nginx-acess-log" but that is not one of the stack\'s topics (declared: nginx-access-log, profiles); did you mean nginx-access-log?',
        ],
        [
            "a compacted topic",
            { ...ON, topic: "profiles" },
            'nginxLogs.topic is "profiles" but topics.profiles.config."cleanup.policy" is "compact"; access-log lines have no key, and a compacted topic refuses them',
        ],
        ["a typo in a field", { ...ON, instance: 2 }, "nginxLogs.instance is not a setting of the log pipeline; did you mean instances?"],
        ["enabled as a word", { ...ON, enabled: "yes" }, 'nginxLogs.enabled is "yes" but must be true or false'],
        ["no instances", { ...ON, instances: 0 }, "nginxLogs.instances is 0 but must be at least 1"],
        ["an image on latest", { ...ON, nginxImage: "nginx:latest" }, 'nginxLogs.nginxImage is "nginx:latest" but must be pinned to a version; :latest moves, so a later pulumi up could replace containers with an image nobody reviewed'],
        ["a tiny queue", { ...ON, queueMaxMb: 1 }, "nginxLogs.queueMaxMb is 1 but must be at least 16 (MiB)"],
        [
            "ports on the brokers'",
            { ...ON, hostPortBase: 19093 },
            "nginxLogs.hostPortBase is 19093 but Nginx needs port 19093, and the brokers (externalPortBase) uses host ports 19092-19094; pick ports outside it",
        ],
        [
            "ports over kafka-ui's",
            { ...ON, instances: 3, hostPortBase: 18079 },
            "nginxLogs.hostPortBase is 18079 but Nginx needs ports 18079-18081, and kafka-ui (uiPort) uses host port 18080; pick ports outside it",
        ],
        ["ports beyond 65535", { ...ON, instances: 3, hostPortBase: 65534 }, "nginxLogs.hostPortBase is 65534 but 3 Nginx instances need ports 65534-65536, beyond 65535"],
    ])("refuses %s", (_case, nginxLogs, message) => {
        expect(problemsOf(nginxLogs)).toEqual([message]);
    });

    it("warns, without refusing, about topics that make little sense for logs", () => {
        const weak = {
            "nginx-access-log": { partitions: 1, replicationFactor: 1, config: { "retention.ms": -1 } },
            strict: { partitions: 1, replicationFactor: 2, config: { "min.insync.replicas": 2, "retention.ms": 60000 } },
        };
        expect(parse(ON, { topics: weak }).warnings).toEqual([
            'topics.nginx-access-log.config."retention.ms" is -1 with no retention.bytes, so access logs are kept forever and the brokers\' disks fill up',
            "topics.nginx-access-log.replicationFactor is 1: losing that broker loses access logs, and while it is down the shipper cannot deliver",
        ]);
        expect(parse({ ...ON, topic: "strict" }, { topics: weak }).warnings).toEqual([
            'topics.strict.config."retention.ms" is 60000 (under an hour): a consumer that is down for longer loses access logs',
            'topics.strict.config."min.insync.replicas" is 2 with replicationFactor 2: the shipper writes with acks=all, so one broker down stops delivery',
        ]);
        expect(parse(ON).warnings).toEqual([]);
    });
});

describe("nginx.conf", () => {
    it("logs one JSON object per request with every declared field", () => {
        expect(accessLogFormat(2)).toBe(
            '{"time":"$time_iso8601","msec":$msec,"instance":2,"remote_addr":"$remote_addr","method":"$request_method","path":"$request_uri",' +
                '"protocol":"$server_protocol","status":$status,"bytes":$body_bytes_sent,"request_time":$request_time,"referer":"$http_referer",' +
                '"user_agent":"$http_user_agent","request_id":"$request_id"}',
        );
        // Filled with sample values the way Nginx fills them, the format is JSON.
        const sample = accessLogFormat(1)
            .replace(/\$msec|\$request_time/g, "1.5")
            .replace(/\$status|\$body_bytes_sent/g, "200")
            .replace(/\$[a-z_0-9]+/g, "x");
        expect(Object.keys(JSON.parse(sample) as object)).toContain("request_id");
    });

    it("writes the log to the shared volume with escape=json, and hands the request id back", () => {
        const conf = renderNginxConf(2);
        expect(conf).toContain(`log_format kafka_json escape=json '${accessLogFormat(2)}';`);
        expect(conf).toContain("access_log /var/log/nginx-json/nginx-2.access.log kafka_json;");
        expect(conf).toContain("add_header X-Request-Id $request_id always;");
        expect(conf).toContain("error_log stderr warn;");
        // The healthcheck's requests stay out of the topic.
        expect(conf).toMatch(/location = \/healthz \{\s+access_log off;/);
    });
});

describe("rsyslog.conf", () => {
    const conf = renderRsyslogConf({ topic: "nginx-access-log", bootstrapServers: ["kafka-1:19092", "kafka-2:19092"], queueMaxMb: 512 });

    it("tails every instance's file and keeps its position on the state volume", () => {
        expect(conf).toContain('global(workDirectory="/var/spool/nginx-log-shipper" maxMessageSize="64k")');
        expect(conf).toContain('module(load="imfile" mode="inotify")');
        expect(conf).toContain('    file="/var/log/nginx-json/*.access.log"');
        expect(conf).toContain('    persistStateInterval="1000"');
    });

    it("produces each line unchanged with acks=all to the INTERNAL listeners", () => {
        expect(conf).toContain('        broker=["kafka-1:19092", "kafka-2:19092"]');
        expect(conf).toContain('        topic="nginx-access-log"');
        expect(conf).toContain('template(name="access_line" type="string" string="%msg%")');
        expect(conf).toContain('        topicConfParam=["acks=all"]');
        expect(conf).toContain('"enable.idempotence=true"');
    });

    it("queues to disk up to the limit while Kafka is away, and never drops", () => {
        expect(conf).toContain('        queue.maxDiskSpace="512m"');
        expect(conf).toContain('        queue.saveOnShutdown="on"');
        expect(conf).toContain('        action.resumeRetryCount="-1"');
        expect(conf).toContain('        keepFailedMessages="on"');
        expect(conf).toContain('ruleset(name="nginx_access" queue.type="Direct")');
    });

    it("sends rsyslog's own messages to docker logs", () => {
        expect(conf).toContain('action(type="omfile" file="/dev/stdout" template="RSYSLOG_TraditionalFileFormat")');
    });
});

describe("the program with the pipeline", () => {
    it("declares nothing of it when off", async () => {
        const run = await runProgram({ stack: "unit", config: { brokers: 3, topics: TOPICS } });
        expect(run.ofType("kafka-cluster:index:NginxLogPipeline")).toEqual([]);
        expect(run.outputs.nginxUrls).toBeUndefined();
    });

    it("declares N Nginx containers, the shipper and their two volumes when on", async () => {
        const run = await runProgram({ stack: "unit", config: { brokers: 3, topics: TOPICS, nginxLogs: { ...ON, instances: 2 } } });
        expect(run.ofType("kafka-cluster:index:NginxLogPipeline")).toHaveLength(1);
        const names = run
            .ofType(TYPES.container)
            .map((container) => container.inputs.name as string)
            .filter((name) => name.includes("nginx"));
        expect(names.sort()).toEqual(["kafka-cluster-unit-nginx-1", "kafka-cluster-unit-nginx-2", "kafka-cluster-unit-nginx-log-shipper"]);
        const volumes = run
            .ofType(TYPES.volume)
            .map((volume) => volume.inputs.name as string)
            .filter((name) => name.includes("nginx"));
        expect(volumes.sort()).toEqual(["kafka-cluster-unit-nginx-log-shipper-state", "kafka-cluster-unit-nginx-logs"]);

        const nginx2 = run.named(TYPES.container, "kafka-cluster-unit-nginx-2");
        expect(nginx2.inputs.ports).toEqual([{ internal: 80, external: 18082, ip: "127.0.0.1", protocol: "tcp" }]);
        expect(uploadOf(nginx2, "/etc/nginx/nginx.conf")).toBe(renderNginxConf(2));
        expect(run.outputs.nginxUrls).toEqual(["http://127.0.0.1:18081", "http://127.0.0.1:18082"]);

        const shipper = run.named(TYPES.container, "kafka-cluster-unit-nginx-log-shipper");
        expect(uploadOf(shipper, "/etc/rsyslog.conf")).toBe(
            renderRsyslogConf({ topic: "nginx-access-log", bootstrapServers: ["kafka-1:19092", "kafka-2:19092", "kafka-3:19092"], queueMaxMb: 1024 }),
        );
        expect(shipper.inputs.volumes).toEqual([
            { volumeName: "kafka-cluster-unit-nginx-logs", containerPath: "/var/log/nginx-json", readOnly: true },
            { volumeName: "kafka-cluster-unit-nginx-log-shipper-state", containerPath: "/var/spool/nginx-log-shipper" },
        ]);
        // It starts once the topic it writes to exists.
        const topic = run.ofType(TYPES.topic).find((resource) => resource.inputs.name === "nginx-access-log");
        expect(shipper.options.dependsOn).toContain(topic?.urn);
    });
});
