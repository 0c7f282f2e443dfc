// Nginx's configuration for the log pipeline, rendered whole rather than patched
// into an image's defaults: the same file on the official `nginx` image and on
// Debian's package, testable as text. Its one job beyond serving: an access log
// with one JSON object per request, in a file the shipper tails.

export const NGINX_CONF_PATH = "/etc/nginx/nginx.conf";
/** Port Nginx listens on inside its container. */
export const NGINX_CONTAINER_PORT = 80;
/** Where every Nginx writes its access log: a named volume the shipper mounts read-only. */
export const NGINX_LOG_DIR = "/var/log/nginx-json";
/** The request counted by the healthcheck, and not logged. */
export const NGINX_HEALTH_PATH = "/healthz";

/** Each instance's own file, so instances never interleave half-written lines. */
export function accessLogFile(instance: number): string {
    return `${NGINX_LOG_DIR}/nginx-${instance}.access.log`;
}

/**
 * The fields of every message on the topic, in order, with the Nginx variable each
 * comes from. Numbers are written bare: Nginx always fills them with digits.
 * escape=json escapes quotes, backslashes and control characters in the strings.
 */
export const ACCESS_LOG_FIELDS = [
    { field: "time", variable: "$time_iso8601", type: "string" },
    { field: "msec", variable: "$msec", type: "number" },
    { field: "instance", variable: "", type: "number" },
    { field: "remote_addr", variable: "$remote_addr", type: "string" },
    { field: "method", variable: "$request_method", type: "string" },
    { field: "path", variable: "$request_uri", type: "string" },
    { field: "protocol", variable: "$server_protocol", type: "string" },
    { field: "status", variable: "$status", type: "number" },
    { field: "bytes", variable: "$body_bytes_sent", type: "number" },
    { field: "request_time", variable: "$request_time", type: "number" },
    { field: "referer", variable: "$http_referer", type: "string" },
    { field: "user_agent", variable: "$http_user_agent", type: "string" },
    { field: "request_id", variable: "$request_id", type: "string" },
] as const;

/** The `log_format` value: one JSON object per line. */
export function accessLogFormat(instance: number): string {
    const members = ACCESS_LOG_FIELDS.map(({ field, variable, type }) => {
        const value = field === "instance" ? String(instance) : variable;
        return `"${field}":${type === "string" ? `"${value}"` : value}`;
    });
    return `{${members.join(",")}}`;
}

export function renderNginxConf(instance: number): string {
    return [
        `# Nginx ${instance} of the access-log pipeline. Rendered from the stack configuration`,
        "# (nginxLogs); edit that, not this file.",
        // Both the official image and Debian have nobody/nogroup; workers only read.
        "user nobody nogroup;",
        "worker_processes auto;",
        "pid /run/nginx.pid;",
        // Nginx's own errors go to `docker logs`.
        "error_log stderr warn;",
        "",
        "events {",
        "    worker_connections 1024;",
        "}",
        "",
        "http {",
        "    include /etc/nginx/mime.types;",
        "    default_type application/octet-stream;",
        "    sendfile on;",
        "    keepalive_timeout 65;",
        "    server_tokens off;",
        "",
        "    # One JSON object per request, written unbuffered so the shipper sees each line at once.",
        `    log_format kafka_json escape=json '${accessLogFormat(instance)}';`,
        `    access_log ${accessLogFile(instance)} kafka_json;`,
        "",
        "    server {",
        `        listen ${NGINX_CONTAINER_PORT} default_server;`,
        "        server_name _;",
        "        # The id in the log line, handed back so a client can find its request in Kafka.",
        "        add_header X-Request-Id $request_id always;",
        "",
        `        location = ${NGINX_HEALTH_PATH} {`,
        "            access_log off;",
        '            return 200 "ok\\n";',
        "        }",
        "",
        "        location / {",
        "            root /usr/share/nginx/html;",
        "            index index.html;",
        "        }",
        "    }",
        "}",
        "",
    ].join("\n");
}
