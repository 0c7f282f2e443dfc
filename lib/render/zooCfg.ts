import { ZOOKEEPER_CLIENT_PORT } from "./listeners";

// zoo.cfg is rendered rather than left to an image's environment variables, for the
// same reason as server.properties: plain ZooKeeper keys, testable as text.

export const ZOOKEEPER_CONFIG_DIR = "/conf";
export const ZOOKEEPER_DATA_DIR = "/data";
export const ZOOKEEPER_DATALOG_DIR = "/datalog";

/** Where ZooKeeper reads its id in the ensemble. */
export const ZOOKEEPER_MYID_PATH = `${ZOOKEEPER_DATA_DIR}/myid`;

/** `servers`: the ensemble's `server.N=...` lines as this node sees them; absent for a standalone node. */
export function renderZooCfg(servers?: readonly string[]): string {
    return [
        servers ? `# Node of a ${servers.length}-node ZooKeeper ensemble for the Kafka brokers. Rendered by the program.` : "# Standalone ZooKeeper for the Kafka brokers. Rendered by the program.",
        "tickTime=2000",
        "initLimit=10",
        "syncLimit=5",
        `clientPort=${ZOOKEEPER_CLIENT_PORT}`,
        // Snapshots and the transaction log live on two named volumes, so a replaced
        // container comes back with the cluster's metadata (and its cluster id).
        `dataDir=${ZOOKEEPER_DATA_DIR}`,
        `dataLogDir=${ZOOKEEPER_DATALOG_DIR}`,
        "maxClientCnxns=60",
        "autopurge.snapRetainCount=3",
        "autopurge.purgeInterval=24",
        // ruok is what the healthcheck asks; ZooKeeper 3.5+ answers only srvr by default.
        "4lw.commands.whitelist=ruok,srvr,mntr",
        // The AdminServer would open an unauthenticated HTTP port nobody uses here.
        "admin.enableServer=false",
        ...(servers
            ? [
                  "standaloneEnabled=false",
                  // Peers come through Docker's published ports, from addresses the
                  // container does not have, so its own entry binds 0.0.0.0.
                  ...servers,
              ]
            : ["standaloneEnabled=true"]),
        "",
    ].join("\n");
}
