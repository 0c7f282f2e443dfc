import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { networkAliases, withRole } from "../lib/render/names";
import { ZOOKEEPER_HEALTHCHECK, ZOOKEEPER_WAIT_SECONDS, zookeeperAnswers } from "../lib/render/healthchecks";
import { ZOOKEEPER_CLIENT_PORT } from "../lib/render/listeners";
import type { HostPort } from "../lib/render/hostWiring";
import { renderZooCfg, ZOOKEEPER_CONFIG_DIR, ZOOKEEPER_DATA_DIR, ZOOKEEPER_DATALOG_DIR, ZOOKEEPER_MYID_PATH } from "../lib/render/zooCfg";
import { oneShotContainer, pinnedImage, serviceContainerDefaults, serviceContainerOptions } from "./containerSettings";
import { dataVolume } from "./dataVolume";

export interface ZooKeeperArgs {
    readonly containerName: string;
    readonly dataVolumeName: string;
    readonly datalogVolumeName: string;
    /** A pinned image of the official `zookeeper` layout (zkServer.sh on PATH, config in $ZOOCFGDIR). */
    readonly image: string;
    readonly networkName: pulumi.Input<string>;
    readonly ipv4Address: string;
    readonly labels: { label: string; value: string }[];
    /** A node of an ensemble spread over hosts: its id, the server list it sees, its published ports and what brokers dial. */
    readonly ensemble?: { readonly myid: number; readonly servers: readonly string[]; readonly ports: HostPort[]; readonly connectString: string };
    /** Protect the data volumes against deletion. */
    readonly protect: boolean;
    /** Keep the data volumes when the stack is destroyed. */
    readonly keepDataOnDestroy: boolean;
    /**
     * false once a migration to KRaft is done with ZooKeeper: its container goes,
     * its volumes stay declared (kept, protected and labelled as before), so the
     * last copy of the pre-migration metadata is neither lost nor orphaned.
     * @default true
     */
    readonly running?: boolean;
}

/**
 * A standalone ZooKeeper for the brokers' metadata, on two named volumes.
 *
 * `up` does not wait for its healthcheck on the container itself: brokers start
 * as soon as the container runs, their JVMs boot while ZooKeeper does, and they
 * keep dialling it (zookeeper.connection.timeout.ms; the restart policy past it).
 * What needs ZooKeeper answering (the SCRAM bootstrap, the Kafka provider, a
 * migrating controller) waits on `answering`, a one-shot container that asks
 * ZooKeeper the healthcheck's own question until it answers. It records the
 * ZooKeeper container it waited for, so a replaced ZooKeeper is waited for again,
 * and brokers still depend on the container itself, so they stop before it goes.
 */
export class ZooKeeper extends pulumi.ComponentResource {
    /** `host:port` the brokers use on the stack's network. */
    public readonly connectString: string;
    /** Undefined once ZooKeeper is removed (running false). */
    public readonly container: docker.Container | undefined;
    /** Exited once ZooKeeper answered; undefined once ZooKeeper is removed. */
    public readonly answering: docker.Container | undefined;
    /** The volume holding the cluster's metadata, topics included: when it goes, every topic goes with it. */
    public readonly metadataVolume: docker.Volume;

    constructor(name: string, args: ZooKeeperArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-cluster:index:ZooKeeper", name, {}, opts);
        const volume = (suffix: string, volumeName: string) =>
            dataVolume(`${name}-${suffix}`, { volumeName, labels: args.labels, protect: args.protect, keepOnDestroy: args.keepDataOnDestroy }, this);
        const data = volume("data", args.dataVolumeName);
        const datalog = volume("datalog", args.datalogVolumeName);
        this.metadataVolume = data;
        this.connectString = args.ensemble?.connectString ?? `${networkAliases.zookeeper}:${ZOOKEEPER_CLIENT_PORT}`;
        if (args.running === false) {
            this.container = undefined;
            this.answering = undefined;
            this.registerOutputs({ connectString: this.connectString });
            return;
        }
        const image = pinnedImage(`${name}-image`, args.image, this);
        const ensemble = args.ensemble;
        this.container = new docker.Container(
            `${name}-container`,
            {
                name: args.containerName,
                image: image.imageId,
                ...serviceContainerDefaults({ networkName: args.networkName, alias: networkAliases.zookeeper, ipv4Address: args.ipv4Address, labels: args.labels }),
                command: ["zkServer.sh", "start-foreground"],
                envs: [`ZOOCFGDIR=${ZOOKEEPER_CONFIG_DIR}`],
                uploads: [
                    { file: `${ZOOKEEPER_CONFIG_DIR}/zoo.cfg`, content: renderZooCfg(ensemble?.servers) },
                    ...(ensemble ? [{ file: ZOOKEEPER_MYID_PATH, content: `${ensemble.myid}\n` }] : []),
                ],
                ...(ensemble ? { ports: ensemble.ports } : {}),
                volumes: [
                    { volumeName: data.name, containerPath: ZOOKEEPER_DATA_DIR },
                    { volumeName: datalog.name, containerPath: ZOOKEEPER_DATALOG_DIR },
                ],
                healthcheck: ZOOKEEPER_HEALTHCHECK,
                // `answering` waits instead (see above).
                wait: false,
            },
            { parent: this, ...serviceContainerOptions },
        );
        const zookeeper = this.container;
        this.answering = oneShotContainer(
            `${name}-answering`,
            {
                containerName: `${args.containerName}-answering`,
                imageId: image.imageId,
                networkName: args.networkName,
                labels: withRole(args.labels, "zookeeper-answering"),
                command: ["timeout", String(ZOOKEEPER_WAIT_SECONDS), "sh", "-c", `until ${zookeeperAnswers(networkAliases.zookeeper)}; do sleep 0.2; done`],
                // A new ZooKeeper container is a new id: this one is replaced and waits again.
                envs: [pulumi.interpolate`ZOOKEEPER_CONTAINER=${zookeeper.id}`],
                failure: () => `ZooKeeper (${args.containerName}) did not answer within ${ZOOKEEPER_WAIT_SECONDS} s; see docker logs ${args.containerName}`,
            },
            { parent: this, dependsOn: [zookeeper] },
        );
        this.registerOutputs({ connectString: this.connectString });
    }
}
