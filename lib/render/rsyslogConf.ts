import { NGINX_LOG_DIR } from "./nginxConf";

// The shipper's configuration: rsyslog's imfile tails every Nginx's JSON access
// log and omkafka (librdkafka) produces each line, unchanged, to the topic.
//
// Where a line can be, and why none is lost:
//   1. in Nginx's file: imfile records how far it has read in a state file on a
//      named volume, so a restarted shipper resumes there; after a rotation (move
//      the file, `nginx -s reopen`) imfile finishes the old file before the new.
//   2. in the action queue: in memory, spilling to disk (up to queueMaxMb) while
//      Kafka is unreachable, and written to disk on shutdown.
//   3. in librdkafka: acks=all and idempotence, retried until the brokers take it;
//      what fails is resubmitted and, on shutdown, kept in a file for the next start.
// Lines are read again after a crash between 1 and 2 (at least once, never lost).

export const RSYSLOG_CONF_PATH = "/etc/rsyslog.conf";
/** imfile's state files, the disk queue and omkafka's failed messages: a named volume. */
export const SHIPPER_STATE_DIR = "/var/spool/nginx-log-shipper";

export interface RsyslogConfInput {
    readonly topic: string;
    /** INTERNAL listener addresses (`kafka-1:19092`, ...). */
    readonly bootstrapServers: readonly string[];
    readonly queueMaxMb: number;
}

export function renderRsyslogConf(input: RsyslogConfInput): string {
    const brokers = input.bootstrapServers.map((address) => `"${address}"`).join(", ");
    return [
        `# Nginx access logs -> Kafka topic ${input.topic}. Rendered from the stack`,
        "# configuration (nginxLogs); edit that, not this file.",
        `global(workDirectory="${SHIPPER_STATE_DIR}" maxMessageSize="64k")`,
        "",
        "# rsyslog's own messages (omkafka errors among them) go to `docker logs`.",
        'action(type="omfile" file="/dev/stdout" template="RSYSLOG_TraditionalFileFormat")',
        "",
        'module(load="imfile" mode="inotify")',
        'module(load="omkafka")',
        "",
        "# The line exactly as Nginx wrote it: one JSON object.",
        'template(name="access_line" type="string" string="%msg%")',
        "",
        "# No queue of its own: imfile hands each line straight to the action's queue,",
        "# which is saved on shutdown, so nothing sits in a queue that would be dropped.",
        'ruleset(name="nginx_access" queue.type="Direct") {',
        "    action(",
        '        type="omkafka" name="to_kafka"',
        `        broker=[${brokers}]`,
        `        topic="${input.topic}"`,
        '        template="access_line"',
        '        partitions.auto="on"',
        '        topicConfParam=["acks=all"]',
        '        confParam=["enable.idempotence=true", "socket.keepalive.enable=true"]',
        '        resubmitOnFailure="on"',
        '        keepFailedMessages="on"',
        `        failedMsgFile="${SHIPPER_STATE_DIR}/omkafka-failed.msgs"`,
        '        closeTimeout="15000"',
        "        # Kafka unreachable: retry for ever, queue in memory, spill to disk.",
        '        action.resumeRetryCount="-1"',
        '        action.resumeInterval="5"',
        '        queue.type="LinkedList"',
        '        queue.size="50000"',
        '        queue.filename="to_kafka"',
        `        queue.maxDiskSpace="${input.queueMaxMb}m"`,
        '        queue.saveOnShutdown="on"',
        "        # Full queue: the reader waits (Nginx's file is then the buffer) instead of dropping.",
        '        queue.timeoutEnqueue="2147483647"',
        '        queue.timeoutShutdown="5000"',
        "    )",
        "}",
        "",
        "input(",
        '    type="imfile"',
        `    file="${NGINX_LOG_DIR}/*.access.log"`,
        '    tag="nginx-access"',
        '    ruleset="nginx_access"',
        '    persistStateInterval="1000"',
        '    reopenOnTruncate="on"',
        '    deleteStateOnFileDelete="on"',
        ")",
        "",
    ].join("\n");
}
