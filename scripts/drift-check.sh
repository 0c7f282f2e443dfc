#!/usr/bin/env bash
# Read-only drift check for one stack: `pulumi preview --refresh --expect-no-changes`
# reads the live resources and compares them with the program without writing state.
# (`pulumi refresh --expect-no-changes` would write the refreshed state first.)
#
#   scripts/drift-check.sh <stack>
#
# Exit codes:
#   0  no drift
#   2  drift: a one-line summary naming the changed resources and keys is printed, and
#      each user and ACL on the cluster that the stack does not declare
#   1  anything else (login, passphrase, program error, Docker host unreachable, ...)
#
# Pulumi itself signals "changes present" with exit 7 (CLI v3.226.0 and later) or,
# on older CLIs, with exit 255 and the text "no changes were expected but changes
# ...". Both are mapped to 2.
#
# Env:
#   PULUMI          the CLI to run (default: pulumi on PATH)
#   KC_PROJECT_DIR  the Pulumi project (default: the repository root)
#   KC_PREVIEW_PARALLEL  resource operations at once, reads included (default: 32)
#   KC_DRIFT_JSON   also keep the preview's JSON at this path (it holds non-secret
#                   config and state; secrets are blinded)
set -uo pipefail

# shellcheck source=scripts/preview-env.sh
. "$(dirname "${BASH_SOURCE[0]}")/preview-env.sh"
NO_CHANGES_TEXT='no changes were expected (for [a-z]+ )?but changes (occurred|were proposed)'

[ $# -eq 1 ] || { echo "usage: drift-check.sh <stack>" >&2; exit 1; }
stack=$1

work=$(mktemp -d "${TMPDIR:-/tmp}/kafka-cluster-drift.XXXXXX")
trap 'rm -rf "$work"' EXIT

status=0
"$PULUMI" preview --stack "$stack" --cwd "$project" --refresh --parallel "$parallel" --expect-no-changes --non-interactive --json \
  >"$work/preview.json" 2>"$work/stderr" || status=$?
cat "$work/stderr" >&2
if [ -n "${KC_DRIFT_JSON:-}" ]; then
  cp "$work/preview.json" "$KC_DRIFT_JSON"
fi

# Reads the preview JSON. `drift` prints one line naming each changed resource with
# its operation and the keys that differ; `errors` prints the error diagnostics,
# which --json keeps out of the terminal output.
report() {
  node - "$1" "$work/preview.json" "$stack" <<'JS'
const fs = require("fs");
const [mode, file, stack] = process.argv.slice(2);
let digest = {};
try {
  digest = JSON.parse(fs.readFileSync(file, "utf8"));
} catch {
  // An empty or cut-off document: report what we can without it.
}
// URNs end in "<type>::<name>"; the kind is the type's last segment.
const label = (urn) => {
  const [type = "", name = urn] = urn.split("::").slice(-2);
  return `${type.slice(type.lastIndexOf(":") + 1)} ${JSON.stringify(name)}`;
};
if (mode === "errors") {
  for (const d of digest.diagnostics ?? []) {
    if (d.severity === "error") {
      console.log(`${d.urn ? `${label(d.urn)}: ` : ""}${String(d.message).trim()}`);
    }
  }
  process.exit(0);
}
// A map entry keeps its key (config["retention.ms"] -> config.retention.ms), so the
// line names the setting that drifted; anything else is named by its top-level input.
const settingName = (path) => {
  const entry = /^([^.[]+)\["([^"]+)"\]/.exec(path);
  return entry ? `${entry[1]}.${entry[2]}` : path.split(/[.[]/)[0];
};
const quiet = new Set(["same", "read", "refresh", "read-discard", "read-replacement"]);
const changed = new Map();
for (const step of digest.steps ?? []) {
  if (quiet.has(step.op) || String(step.urn).includes("::pulumi:pulumi:Stack::")) continue;
  const entry = changed.get(step.urn) ?? { ops: new Set(), keys: new Set(), found: new Set() };
  entry.ops.add(step.op);
  const live = step.oldState?.outputs ?? {};
  const wanted = step.newState?.inputs ?? {};
  let keys = [...(step.diffReasons ?? []), ...(step.replaceReasons ?? []), ...Object.keys(step.detailedDiff ?? {})];
  if (keys.length === 0 && step.oldState && step.newState) {
    // Some providers (dynamic ones) report no diff keys: compare the live values with the
    // program's inputs. __provider is a dynamic resource's own code, not a setting.
    keys = Object.keys(wanted).filter((key) => key !== "__provider" && JSON.stringify(live[key]) !== JSON.stringify(wanted[key]));
  }
  for (const key of keys) entry.keys.add(settingName(key));
  // An output named undeclared<Kind>s lists what the live system holds and the stack does
  // not declare (the access inventory's users and ACLs): name each entry, not just the key.
  for (const [key, value] of Object.entries(live)) {
    const kind = /^undeclared([A-Z][A-Za-z]*?)s$/.exec(key);
    if (!kind || !Array.isArray(value)) continue;
    const keep = new Set(Array.isArray(wanted[key]) ? wanted[key] : []);
    for (const item of value) if (!keep.has(item)) entry.found.add(`${kind[1] === "Acl" ? "ACL" : kind[1].toLowerCase()} ${item}`);
  }
  changed.set(step.urn, entry);
}
const parts = [...changed].map(([urn, { ops, keys, found }]) => {
  // "config" says less than "config.retention.ms"; keep the specific one.
  const named = [...keys].filter((key) => ![...keys].some((other) => other.startsWith(`${key}.`)));
  const what = [...ops].join("/") + (named.length ? `: ${named.sort().join(", ")}` : "") + (found.size ? `; not declared: ${[...found].sort().join(", ")}` : "");
  return `${label(urn)} (${what})`;
});
console.log(
  parts.length
    ? `drift in stack ${stack}: ${parts.length} resource${parts.length === 1 ? " differs" : "s differ"}: ${parts.join("; ")}`
    : `drift in stack ${stack}: pulumi reported changes (see the preview output above)`,
);
JS
}

if [ "$status" -eq 0 ]; then
  echo "no drift in stack $stack"
  exit 0
fi
if [ "$status" -eq 7 ] || { [ "$status" -eq 255 ] && grep -Eq "$NO_CHANGES_TEXT" "$work/stderr"; }; then
  report drift
  exit 2
fi
report errors >&2
echo "drift check of stack $stack failed: pulumi exited with $status" >&2
exit 1
