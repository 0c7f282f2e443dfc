"use strict";
// The entry point Pulumi runs (package.json "main"): loads index.ts with each
// TypeScript module transpiled once and kept, instead of transpiled again by
// ts-node on every preview and up.
//
// Transpiling the program's own modules took seconds of CPU on each run, more than
// the rest of a no-op preview of a small stack (npm run bench:live). A module is
// transpiled again only when its text, tsconfig.json or the TypeScript version
// changes: the cache key is a hash of all of them, so the cache can never run
// stale code. Like ts-node in transpile-only mode (as this project always ran it),
// nothing is type-checked here; `npm run typecheck` and CI do that.
//
// Cache: node_modules/.cache/kafka-cluster-program (KC_PROGRAM_CACHE=0 transpiles
// every module on every run, without reading or writing the cache).
const crypto = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");

const ROOT = __dirname;
const CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "kafka-cluster-program");
const USE_CACHE = process.env.KC_PROGRAM_CACHE !== "0";
/** Bump when the way modules are transpiled here changes. */
const FORMAT = "1";

/** What every cached module depends on besides its own text. */
function cacheSalt() {
    const typescriptVersion = JSON.parse(fs.readFileSync(require.resolve("typescript/package.json"), "utf8")).version;
    return [FORMAT, typescriptVersion, fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8")].join("\0");
}

let compiler;
/** TypeScript and the project's compiler options, loaded only when a module is not in the cache. */
function loadCompiler() {
    if (!compiler) {
        const ts = require("typescript");
        const file = path.join(ROOT, "tsconfig.json");
        const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(file, ts.sys.readFile).config, ts.sys, ROOT);
        const options = { ...parsed.options, module: ts.ModuleKind.CommonJS, sourceMap: false, inlineSourceMap: true, inlineSources: true, noEmit: false, declaration: false };
        compiler = { ts, options };
    }
    return compiler;
}

function transpile(source, filename) {
    const { ts, options } = loadCompiler();
    return ts.transpileModule(source, { compilerOptions: options, fileName: filename, reportDiagnostics: false }).outputText;
}

let salt;
function compiled(source, filename) {
    if (!USE_CACHE) {
        return transpile(source, filename);
    }
    salt ??= cacheSalt();
    const key = crypto.createHash("sha256").update(salt).update("\0").update(filename).update("\0").update(source).digest("hex");
    const cached = path.join(CACHE_DIR, `${key}.js`);
    try {
        return fs.readFileSync(cached, "utf8");
    } catch {
        // Not transpiled yet with this text and these settings.
    }
    const code = transpile(source, filename);
    try {
        fs.mkdirSync(CACHE_DIR, { recursive: true });
        // Written under a temporary name and renamed: two runs at once never read half a file.
        const partial = `${cached}.${process.pid}.tmp`;
        fs.writeFileSync(partial, code);
        fs.renameSync(partial, cached);
    } catch {
        // A read-only checkout still runs; it transpiles every time.
    }
    return code;
}

// Stack traces point into the TypeScript sources through the inline source maps.
process.setSourceMapsEnabled?.(true);
Module._extensions[".ts"] = function loadTypeScript(module, filename) {
    module._compile(compiled(fs.readFileSync(filename, "utf8"), filename), filename);
};

module.exports = require("./index.ts");
