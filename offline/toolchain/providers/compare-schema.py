#!/usr/bin/env python3
"""Checks a provider's schema against the npm SDK it stands in for.

    pulumi-resource-docker -schema > /tmp/docker.json
    offline/toolchain/providers/compare-schema.py /tmp/docker.json node_modules/@pulumi/docker

Compares what a program can observe: resource and function tokens, the names
in every *Args/*State interface, required inputs, list-vs-single shape of every
input (a MaxItemsOne mismatch breaks programs silently) and scalar input types.
Exits 1 on any difference other than the known ones listed in README.md.
"""
import glob
import json
import os
import re
import sys

# Documented in README.md: pulumi-docker's native Image, and the provider
# method newer bridges add.
KNOWN_ONLY_SDK = {"docker:index/image:Image"}
KNOWN_ONLY_OURS = re.compile(r"^pulumi:providers:\w+/terraformConfig$")

schema = json.load(open(sys.argv[1]))
sdk = sys.argv[2]
problems = []


def body(text, name):
    """An interface's members without their doc comments, or None."""
    m = re.search(r"export interface %s \{(.*?)\n\}" % re.escape(name), text, re.S)
    return re.sub(r"/\*.*?\*/", "", m.group(1), flags=re.S) if m else None


def iface(text, name):
    """Member name -> type text of an interface; types may span lines (maps)."""
    b = body(text, name)
    if b is None:
        return None
    members = re.split(r"^    (?=(?:readonly )?\w+\??: )", b, flags=re.M)
    out = {}
    for member in members[1:]:
        mm = re.match(r"(?:readonly )?(\w+)\??: (.*?);?\s*$", member, re.S)
        if mm:
            out[mm.group(1)] = " ".join(mm.group(2).split())
    return out


def required(text, name):
    b = body(text, name)
    return set(re.findall(r"^    (?:readonly )?(\w+): ", b, re.M)) if b is not None else set()


def shape_ours(p):
    if p.get("type") == "array":
        return "array"
    if p.get("type") == "object" and "additionalProperties" in p:
        return "map"
    return "single"


def shape_sdk(t):
    t = t.strip().replace(" | undefined", "")
    if re.search(r"\[\]>*$", t):
        return "array"
    if "[key: string]" in t:
        return "map"
    return "single"


SCALAR = {"string": "string", "integer": "number", "number": "number", "boolean": "boolean"}

sdk_tokens = {}
for js in glob.glob(os.path.join(sdk, "*.js")):
    text = open(js).read()
    for tok in re.findall(r"__pulumiType = '([^']+)'", text) + re.findall(r'invoke\("([^"]+)"', text):
        if tok.count(":") == 2:
            sdk_tokens[tok] = js[: -len(".js")] + ".d.ts"

ours = set(schema.get("resources", {})) | set(schema.get("functions", {}))
for tok in sorted(set(sdk_tokens) - ours - KNOWN_ONLY_SDK):
    problems.append(f"token only in the SDK: {tok}")
for tok in sorted(ours - set(sdk_tokens)):
    if not KNOWN_ONLY_OURS.match(tok):
        problems.append(f"token only in ours: {tok}")

checked = 0
targets = [(tok, r, tok.split(":")[2]) for tok, r in schema.get("resources", {}).items() if tok in sdk_tokens]
targets.append(("provider", schema["provider"], "Provider"))
for tok, res, name in sorted(targets):
    dts = open(sdk_tokens.get(tok, os.path.join(sdk, "provider.d.ts"))).read()
    args = iface(dts, name + "Args")
    inputs = res.get("inputProperties", {})
    if args is None:
        problems.append(f"{tok}: no {name}Args in the SDK")
        continue
    if set(args) != set(inputs):
        problems.append(f"{tok} inputs: only ours {sorted(set(inputs) - set(args))}, only SDK {sorted(set(args) - set(inputs))}")
    if name != "Provider":
        state = iface(dts, name + "State")
        if state is not None and set(state) != set(res.get("properties", {})):
            problems.append(f"{tok} state: only ours {sorted(set(res['properties']) - set(state))}, only SDK {sorted(set(state) - set(res['properties']))}")
        if required(dts, name + "Args") != set(res.get("requiredInputs", [])):
            problems.append(f"{tok} required: ours {sorted(res.get('requiredInputs', []))}, SDK {sorted(required(dts, name + 'Args'))}")
    for prop, t in args.items():
        if prop not in inputs:
            continue
        checked += 1
        if shape_ours(inputs[prop]) != shape_sdk(t):
            problems.append(f"{tok}.{prop}: ours is {shape_ours(inputs[prop])}, SDK has {t}")
        m = re.fullmatch(r"pulumi\.Input<(string|number|boolean)>", t)
        if m and SCALAR.get(inputs[prop].get("type")) != m.group(1):
            problems.append(f"{tok}.{prop}: ours is {inputs[prop].get('type')}, SDK has {m.group(1)}")

# Nested input types (ContainerPort, ContainerHealthcheck, …). Function result
# types live only in output.d.ts and are skipped.
types_dts = os.path.join(sdk, "types", "input.d.ts")
inputs_text = open(types_dts).read() if os.path.exists(types_dts) else ""
ntypes = 0
for tok, t in sorted(schema.get("types", {}).items()):
    fields = iface(inputs_text, tok.split(":")[2])
    if fields is None:
        continue
    ntypes += 1
    props = t.get("properties", {})
    if set(fields) != set(props):
        problems.append(f"{tok}: only ours {sorted(set(props) - set(fields))}, only SDK {sorted(set(fields) - set(props))}")
    for prop, ty in fields.items():
        if prop in props and shape_ours(props[prop]) != shape_sdk(ty):
            problems.append(f"{tok}.{prop}: ours is {shape_ours(props[prop])}, SDK has {ty}")

for p in problems:
    print(p)
print(f"{len(targets)} resources (with the provider), {checked} inputs, {ntypes} nested types compared, {len(problems)} differences")
sys.exit(1 if problems else 0)
