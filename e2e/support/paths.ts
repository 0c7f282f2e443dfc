import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
/** Gitignored: figures, logs and engine output of the last run. */
export const RESULTS_DIR = path.join(REPO_ROOT, "e2e", ".results");
export const PROJECT = "kafka-cluster";

export { TEST_IMAGES } from "../../offline/images/standIns";
