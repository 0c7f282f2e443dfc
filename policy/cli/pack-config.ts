import { readFileSync } from "node:fs";
import { packConfig, StackConfigJson, stackFacts } from "../lib/packConfig";
import { policies } from "../policies";

// Usage: pulumi config --json --stack <stack> | pack-config [namespace] > pack-config.json
// The namespace is the project name that prefixes the stack's config keys.

function main(): void {
    const namespace = process.argv[2] ?? "kafka-cluster";
    const config = JSON.parse(readFileSync(0, "utf8")) as StackConfigJson;
    const facts = stackFacts(config, namespace);
    process.stdout.write(`${JSON.stringify(packConfig(policies, facts), null, 2)}\n`);
}

try {
    main();
} catch (err) {
    process.stderr.write(`pack-config: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
}
