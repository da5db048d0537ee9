// Runs yaml-language-server (the server behind VS Code's YAML extension and
// most other editors' YAML support) over a kiyaku project the way an editor
// would: the schemas mapped by glob as `kiyaku init` writes them into
// .vscode/settings.json, each file opened, its diagnostics collected, and
// completion and hover asked at given places.
//
// usage: node yaml-ls-check.mjs SERVER ROOT QUERIES.json
//   SERVER   path to yaml-language-server's bin script
//   ROOT     the project (with schemas/ and .vscode/settings.json)
//   QUERIES  {"files": [rel, …], "complete": [[rel, line, col], …],
//             "hover": [[rel, line, col], …]}  (0-based line and column)
// prints one JSON object: {"diagnostics": {rel: [...]}, "completions": [[...labels]], "hovers": [text]}
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [server, rootArg, queriesPath] = process.argv.slice(2);
const root = resolve(rootArg);
const queries = JSON.parse(readFileSync(queriesPath, "utf8"));
const vscode = JSON.parse(readFileSync(join(root, ".vscode/settings.json"), "utf8"));
// The extension resolves `./schemas/…` against the workspace folder.
const schemas = {};
for (const [path, globs] of Object.entries(vscode["yaml.schemas"])) {
  schemas[pathToFileURL(join(root, path)).href] = globs;
}
const settings = { yaml: { schemas, validate: true, completion: true, hover: true, schemaStore: { enable: false } } };

const child = spawn(process.execPath, [server, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
let buffer = Buffer.alloc(0);
let nextId = 1;
const pending = new Map();
const diagnostics = new Map();
const waiting = new Map();

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  child.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((ok) => pending.set(id, ok));
}
child.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf("\r\n\r\n");
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
    if (buffer.length < end + 4 + length) return;
    const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString("utf8"));
    buffer = buffer.subarray(end + 4 + length);
    if (message.method === "workspace/configuration") {
      send({ id: message.id, result: message.params.items.map((i) => (i.section ? settings[i.section] ?? settings.yaml : settings)) });
    } else if (message.method === "textDocument/publishDiagnostics") {
      diagnostics.set(message.params.uri, message.params.diagnostics);
      waiting.get(message.params.uri)?.();
    } else if (message.id !== undefined && message.method) {
      send({ id: message.id, result: null });
    } else if (message.id !== undefined && pending.has(message.id)) {
      pending.get(message.id)(message.result);
      pending.delete(message.id);
    }
  }
});

const uri = (rel) => pathToFileURL(join(root, rel)).href;
const rootUri = pathToFileURL(root).href;
await request("initialize", {
  processId: process.pid,
  rootUri,
  workspaceFolders: [{ uri: rootUri, name: "project" }],
  capabilities: {
    workspace: { configuration: true },
    textDocument: { completion: { completionItem: { snippetSupport: false } }, hover: { contentFormat: ["plaintext"] } },
  },
});
send({ method: "initialized", params: {} });
send({ method: "workspace/didChangeConfiguration", params: { settings } });

const out = { diagnostics: {}, completions: [], hovers: [] };
const opened = new Set();
async function open(rel) {
  if (opened.has(rel)) return;
  opened.add(rel);
  // Validation runs after a change settles; wait for the file's report.
  const reported = new Promise((ok) => waiting.set(uri(rel), ok));
  send({ method: "textDocument/didOpen", params: { textDocument: { uri: uri(rel), languageId: "yaml", version: 1, text: readFileSync(join(root, rel), "utf8") } } });
  await Promise.race([reported, new Promise((ok) => setTimeout(ok, 15000))]);
}
for (const rel of queries.files) {
  await open(rel);
  out.diagnostics[rel] = (diagnostics.get(uri(rel)) ?? []).map((d) => ({
    line: d.range.start.line,
    column: d.range.start.character,
    message: d.message,
    source: d.source ?? "",
  }));
}
for (const [rel, line, character] of queries.complete ?? []) {
  await open(rel);
  const result = await request("textDocument/completion", { textDocument: { uri: uri(rel) }, position: { line, character } });
  out.completions.push(((result && (result.items ?? result)) || []).map((i) => i.label));
}
for (const [rel, line, character] of queries.hover ?? []) {
  await open(rel);
  const result = await request("textDocument/hover", { textDocument: { uri: uri(rel) }, position: { line, character } });
  const contents = result?.contents;
  out.hovers.push(typeof contents === "string" ? contents : contents?.value ?? JSON.stringify(contents ?? null));
}
console.log(JSON.stringify(out));
// Ask the server to stop, and do not wait long for it.
await Promise.race([request("shutdown", null), new Promise((ok) => setTimeout(ok, 2000))]);
send({ method: "exit", params: null });
child.stdin.end();
setTimeout(() => {
  child.kill();
  process.exit(0);
}, 200);
