import { CONFIG_DEFAULTS, DEFAULT_BROKER_IMAGES } from "../../config";

const versionOf = (image: string): string => image.slice(image.lastIndexOf(":") + 1);

/**
 * The locally built stand-ins (offline/images/build.sh) for the program's default
 * images, at the same versions, for machines that reach no container registry;
 * their own tags keep them from ever posing as the official images.
 */
const prefix = process.env.KC_IMAGE_PREFIX ?? "kafka-cluster-test";
export const TEST_IMAGES = {
    broker: `${prefix}/kafka:${versionOf(DEFAULT_BROKER_IMAGES.zookeeper)}`,
    /** The broker (and controller) image of metadataMode kraft. */
    kraftBroker: `${prefix}/kafka:${versionOf(DEFAULT_BROKER_IMAGES.kraft)}`,
    zookeeper: `${prefix}/zookeeper:${process.env.ZK_VERSION ?? versionOf(CONFIG_DEFAULTS.zookeeperImage)}`,
    ui: `${prefix}/kafka-ui-standin:1.0`,
    // Debian's nginx and rsyslog (bookworm), standing in for the official nginx image and the shipper image users build.
    nginx: `${prefix}/nginx:1.22.1`,
    logShipper: `${prefix}/nginx-log-shipper:8.2302.0`,
} as const;
