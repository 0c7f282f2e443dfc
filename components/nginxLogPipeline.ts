import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import type { NginxLogsSpec } from "../config";
import { logShipperHealthcheck, NGINX_HEALTHCHECK } from "../lib/render/healthchecks";
import { networkAliases } from "../lib/render/names";
import { NGINX_CONF_PATH, NGINX_CONTAINER_PORT, NGINX_LOG_DIR, renderNginxConf } from "../lib/render/nginxConf";
import { renderRsyslogConf, RSYSLOG_CONF_PATH, SHIPPER_STATE_DIR } from "../lib/render/rsyslogConf";
import { pinnedImage, serviceContainerDefaults, serviceContainerOptions } from "./containerSettings";
import { dataVolume } from "./dataVolume";

export interface NginxLogPipelineArgs {
    readonly spec: NginxLogsSpec;
    /** Docker names: `nginx(i)` for each instance's container, and the pipeline's other objects. */
    readonly names: {
        nginx(instance: number): string;
        readonly nginxLogVolume: string;
        readonly logShipper: string;
        readonly logShipperStateVolume: string;
    };
    /** INTERNAL listener addresses: the shipper runs on the stack's network. */
    readonly bootstrapServers: readonly string[];
    readonly bindAddress: string;
    readonly networkName: pulumi.Input<string>;
    readonly labels: (role: "nginx" | "log-shipper", extra?: Record<string, string>) => { label: string; value: string }[];
    /** The volumes hold lines not yet shipped: protected and kept like the cluster's data. */
    readonly protect: boolean;
    readonly keepDataOnDestroy: boolean;
    /** The topic and the brokers it lives on; the shipper starts once they exist. */
    readonly startShipperAfter: pulumi.Resource[];
    /** Host name in the URLs (the bind address, or the advertised host when bound to all). */
    readonly urlHost: string;
}

/**
 * Nginx instances writing one JSON line per request to a shared named volume, and
 * an rsyslog shipper (imfile + omkafka) tailing those files into a topic with
 * acks=all. Nginx never waits for Kafka: while the brokers are away it keeps
 * serving and the lines wait in the file and in the shipper's disk queue.
 */
export class NginxLogPipeline extends pulumi.ComponentResource {
    /** Each Nginx instance's URL on the host, in instance order. */
    public readonly urls: string[];

    constructor(name: string, args: NginxLogPipelineArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-cluster:index:NginxLogPipeline", name, {}, opts);
        const { spec } = args;
        const volume = (suffix: string, volumeName: string, role: "nginx" | "log-shipper") =>
            dataVolume(`${name}-${suffix}`, { volumeName, labels: args.labels(role), protect: args.protect, keepOnDestroy: args.keepDataOnDestroy }, this);
        const logs = volume("logs", args.names.nginxLogVolume, "nginx");
        const state = volume("shipper-state", args.names.logShipperStateVolume, "log-shipper");

        const nginxImage = pinnedImage(`${name}-nginx-image`, spec.nginxImage, this);
        this.urls = [];
        for (let instance = 1; instance <= spec.instances; instance++) {
            const hostPort = spec.hostPortBase + instance - 1;
            new docker.Container(
                `${name}-nginx-${instance}`,
                {
                    name: args.names.nginx(instance),
                    image: nginxImage.imageId,
                    ...serviceContainerDefaults({
                        networkName: args.networkName,
                        alias: networkAliases.nginx(instance),
                        labels: args.labels("nginx", { "nginx-instance": String(instance) }),
                    }),
                    command: ["nginx", "-g", "daemon off;"],
                    // A graceful stop: requests in flight finish and are logged.
                    stopSignal: "SIGQUIT",
                    uploads: [{ file: NGINX_CONF_PATH, content: renderNginxConf(instance) }],
                    volumes: [{ volumeName: logs.name, containerPath: NGINX_LOG_DIR }],
                    ports: [{ internal: NGINX_CONTAINER_PORT, external: hostPort, ip: args.bindAddress, protocol: "tcp" }],
                    healthcheck: NGINX_HEALTHCHECK,
                    waitTimeout: 120,
                },
                { parent: this, ...serviceContainerOptions },
            );
            this.urls.push(`http://${args.urlHost}:${hostPort}`);
        }

        const shipperImage = pinnedImage(`${name}-shipper-image`, spec.shipperImage, this);
        new docker.Container(
            `${name}-shipper`,
            {
                name: args.names.logShipper,
                image: shipperImage.imageId,
                ...serviceContainerDefaults({ networkName: args.networkName, alias: networkAliases.logShipper, labels: args.labels("log-shipper") }),
                // -iNONE: no pid file; rsyslogd is PID 1 and stops (saving its queue) on SIGTERM.
                command: ["rsyslogd", "-n", "-iNONE", "-f", RSYSLOG_CONF_PATH],
                uploads: [
                    {
                        file: RSYSLOG_CONF_PATH,
                        content: renderRsyslogConf({ topic: spec.topic, bootstrapServers: args.bootstrapServers, queueMaxMb: spec.queueMaxMb }),
                    },
                ],
                volumes: [
                    { volumeName: logs.name, containerPath: NGINX_LOG_DIR, readOnly: true },
                    { volumeName: state.name, containerPath: SHIPPER_STATE_DIR },
                ],
                healthcheck: logShipperHealthcheck(args.bootstrapServers),
                waitTimeout: 120,
            },
            { parent: this, dependsOn: args.startShipperAfter, ...serviceContainerOptions },
        );
        this.registerOutputs({ urls: this.urls });
    }
}
