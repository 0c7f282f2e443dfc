import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_DEFAULTS, SECRET_KEYS } from "../../config";
import { STACK_OUTPUTS } from "../../lib/stackOutputs";
import { REPO_ROOT, runProgram } from "./support/program";

// The README's tables are what users read first; they must list exactly the keys
// the program reads and the outputs it exports.

const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

/** First-column names of the markdown table under a heading. */
function tableKeys(heading: string): string[] {
    const section = readme.slice(readme.indexOf(`## ${heading}`));
    const body = section.slice(0, section.indexOf("\n## ", 3));
    return [...body.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]);
}

describe("README", () => {
    it("documents every configuration key, and no other", () => {
        expect(tableKeys("Configuration").sort()).toEqual([...Object.keys(CONFIG_DEFAULTS), ...SECRET_KEYS].sort());
    });

    it("documents every stack output, and no other", async () => {
        expect(tableKeys("Outputs").sort()).toEqual([...STACK_OUTPUTS].sort());
        // A stack exports those that apply to it (index.ts returns every one, by type).
        const run = await runProgram({ stack: "readme", config: {} });
        expect(STACK_OUTPUTS).toEqual(expect.arrayContaining(Object.keys(run.outputs)));
        expect(Object.keys(run.outputs)).toEqual(expect.arrayContaining(["externalBootstrapServers", "kafkaUiUrl", "zookeeperConnect", "topics"]));
    });

    it("names the quick-start commands that package.json defines", () => {
        const scripts = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
        expect(readme).toContain("npm ci && npm run up");
        expect(readme).toContain("\nnpm test ");
        expect(scripts.up).toBe("scripts/local-up.sh");
        expect(scripts.test).toBe("jest --selectProjects unit");
        expect(fs.statSync(path.join(REPO_ROOT, "scripts/local-up.sh")).mode & 0o111).not.toBe(0);
    });
});
