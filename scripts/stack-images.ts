// The images a local stack runs, for scripts/local-up.sh to check before `up`:
//   stack-images.ts <stack>                        the image of each image key, one per line
//   stack-images.ts <stack> --stand-ins <image>... "<key> <stand-in tag>" for each key running one of them
// Values come from Pulumi.<stack>.yaml, else the program's defaults.
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { CONFIG_DEFAULTS, DEFAULT_BROKER_IMAGES, MetadataMode } from "../config";
import { TEST_IMAGES } from "../offline/images/standIns";

const PROJECT = "kafka-cluster";
const STAND_INS = { brokerImage: TEST_IMAGES.broker, zookeeperImage: TEST_IMAGES.zookeeper, uiImage: TEST_IMAGES.ui } as const;
type ImageKey = keyof typeof STAND_INS;

function stackConfig(stack: string): Record<string, unknown> {
    const file = path.join(__dirname, "..", `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) return {};
    const parsed = yaml.load(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | undefined;
    return parsed?.config ?? {};
}

/** The image each image key of a stack file's `config:` block runs (keys of containers the stack does not run left out). */
export function imagesOf(config: Record<string, unknown>): Map<ImageKey, string> {
    const setting = (key: keyof typeof CONFIG_DEFAULTS): unknown => config[`${PROJECT}:${key}`] ?? CONFIG_DEFAULTS[key];
    // A KRaft stack runs no ZooKeeper; a stack without the UI runs no kafka-ui.
    const keys: ImageKey[] = [
        "brokerImage",
        ...(String(setting("metadataMode")) === "kraft" ? [] : (["zookeeperImage"] as const)),
        ...(String(setting("uiEnabled")) === "false" ? [] : (["uiImage"] as const)),
    ];
    // An empty brokerImage means the metadata mode's pinned default.
    const image = (key: ImageKey) => String(setting(key)) || DEFAULT_BROKER_IMAGES[String(setting("metadataMode")) as MetadataMode];
    return new Map(keys.map((key) => [key, image(key)]));
}

/** The stand-in for one key's image: a KRaft stack's brokers run the Kafka 4 stand-in. */
export function standInFor(key: ImageKey, image: string): string {
    return key === "brokerImage" && image === DEFAULT_BROKER_IMAGES.kraft ? TEST_IMAGES.kraftBroker : STAND_INS[key];
}

if (require.main === module) {
    const [stack, flag, ...wanted] = process.argv.slice(2);
    if (!stack) {
        console.error("usage: stack-images.ts <stack> [--stand-ins <image>...]");
        process.exit(1);
    }
    for (const [key, image] of imagesOf(stackConfig(stack))) {
        if (flag !== "--stand-ins") console.log(image);
        else if (wanted.includes(image)) console.log(`${key} ${standInFor(key, image)}`);
    }
}
