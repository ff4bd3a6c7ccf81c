import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from "node:net";
import { mkdirSync, rmSync, symlinkSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { downloadHash } from "../src/checksums/fetch.js";
import { mapUri, parseMapping } from "../src/checksums/uris.js";
import { verifyChecksums } from "../src/checksums/verify.js";
import { cli, tempDir } from "./cli-harness.js";

const SCRIPT = "#!/bin/sh\necho hello\n";
const SCRIPT_SHA = createHash("sha256").update(SCRIPT).digest("hex");
const STALE = "2c8d2a4e6f1b3c5d7e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f";

let server: Server;
let base = "";
const hits = new Map<string, number>();
const pending = new Set<NodeJS.Timeout>();
let sawCredentials = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? "").replace(/\?.*/, "");
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (req.headers.authorization || req.headers.cookie) sawCredentials = true;
    if (path === "/ok.sh") res.end(SCRIPT);
    else if (path === "/hop1") res.writeHead(302, { location: "/hop2" }).end();
    else if (path === "/hop2") res.writeHead(301, { location: `${base}/ok.sh` }).end();
    else if (path === "/loop") res.writeHead(302, { location: "/loop" }).end();
    else if (path === "/slow") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("a");
      const t = setTimeout(() => res.end("b"), 5000);
      pending.add(t);
    } else if (path === "/huge") res.writeHead(200, { "content-length": String(200 * 1024 * 1024) }).end();
    else if (path === "/endless") {
      res.writeHead(200);
      const chunk = Buffer.alloc(16 * 1024, 1);
      const pump = (): void => {
        while (res.write(chunk)) if (res.destroyed) return;
        res.once("drain", pump);
      };
      res.on("close", () => res.removeAllListeners("drain"));
      pump();
    } else res.writeHead(404, "Not Found").end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const t of pending) clearTimeout(t);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("downloadHash (a real HTTP server on 127.0.0.1)", () => {
  it("hashes the body", async () => {
    expect(await downloadHash(`${base}/ok.sh`)).toEqual({ sha256: SCRIPT_SHA, bytes: SCRIPT.length });
  });
  it("follows a few redirects, and stops at a loop", async () => {
    expect(await downloadHash(`${base}/hop1`)).toEqual({ sha256: SCRIPT_SHA, bytes: SCRIPT.length });
    expect(await downloadHash(`${base}/loop`)).toEqual({ error: "more than 5 redirects" });
  });
  it("reports HTTP errors", async () => {
    expect(await downloadHash(`${base}/nope`)).toEqual({ error: "HTTP 404 Not Found" });
  });
  it("gives up on a slow answer after the timeout", async () => {
    expect(await downloadHash(`${base}/slow`, { timeoutMs: 300 })).toEqual({ error: "no complete answer within 0.3 s" });
  });
  it("refuses a body over the size cap, declared or streamed", async () => {
    expect(await downloadHash(`${base}/huge`)).toEqual({ error: "larger than 100 MB (200 MB); not downloaded" });
    expect(await downloadHash(`${base}/endless`, { maxBytes: 256 * 1024 })).toEqual({ error: "larger than 256 KB; download stopped" });
  });
  it("reports a refused connection in words, and sends no credentials", async () => {
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, "127.0.0.1", resolve));
    const port = (spare.address() as AddressInfo).port;
    await new Promise((resolve) => spare.close(resolve));
    expect(await downloadHash(`http://127.0.0.1:${port}/x.sh`, { timeoutMs: 2000 })).toEqual({ error: "connection refused (ECONNREFUSED)" });
    expect(await downloadHash(`http://user:pw@127.0.0.1:${port}/x`)).toEqual({ error: "the URL carries credentials; aib-lint does not send them" });
    expect(sawCredentials).toBe(false);
  });
  it("asks once per URI, whatever the number of templates naming it", async () => {
    hits.delete("/ok.sh");
    const uri = `${base}/ok.sh`;
    const results = await verifyChecksums([uri, uri, uri], { mappings: [], download: true });
    expect(results.get(uri)).toEqual({ sha256: SCRIPT_SHA, bytes: SCRIPT.length });
    expect(hits.get("/ok.sh")).toBe(1);
  });
});

/** A TCP server on 127.0.0.1 that treats each connection with `handle`; closed with everything it holds. */
async function tcpServer(handle: (socket: Socket) => void): Promise<{ base: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const tcp: TcpServer = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    handle(socket);
  });
  await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(tcp.address() as AddressInfo).port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => tcp.close(resolve));
    },
  };
}

describe("downloads of a run share one deadline; failures keep their cause", () => {
  it("cuts the downloads at the run's deadline and reports each URI not reached", async () => {
    const silent = await tcpServer(() => undefined); // accepts, never answers
    try {
      const uris = Array.from({ length: 6 }, (_, i) => `${silent.base}/${i}.sh`);
      const results = await verifyChecksums(uris, { mappings: [], download: true, concurrency: 2, timeoutMs: 200, totalMs: 300 });
      const errors = uris.map((u) => (results.get(u) as { error: string }).error);
      expect(errors.slice(0, 2)).toEqual(["no complete answer within 0.2 s", "no complete answer within 0.2 s"]);
      for (const e of errors.slice(2)) expect(e).toMatch(/^(no complete answer|not downloaded) within the 0\.3 s all downloads may take$/);
      expect(errors.at(-1)).toBe("not downloaded within the 0.3 s all downloads may take");
    } finally {
      await silent.close();
    }
  });

  it("reports a connection reset as a reset, before an answer or in the middle of the body", async () => {
    const early = await tcpServer((socket) => socket.once("data", () => socket.resetAndDestroy()));
    const late = await tcpServer((socket) =>
      socket.once("data", () => {
        socket.write("HTTP/1.1 200 OK\r\ncontent-length: 100000\r\n\r\nxxxx");
        setTimeout(() => socket.resetAndDestroy(), 50);
      }),
    );
    try {
      expect(await downloadHash(`${early.base}/a.sh`, { timeoutMs: 5000 })).toEqual({ error: "connection reset (ECONNRESET)" });
      expect(await downloadHash(`${late.base}/a.sh`, { timeoutMs: 5000 })).toEqual({ error: "connection reset (ECONNRESET)" });
    } finally {
      await early.close();
      await late.close();
    }
  });
});

describe("URI mappings", () => {
  it("parses PREFIX=DIR and maps the rest of the path, longest prefix first", () => {
    const a = parseMapping("https://example.org/=/srv/a", "/")!;
    const b = parseMapping("https://example.org/scripts/=rel", "/work")!;
    expect(b).toEqual({ prefix: "https://example.org/scripts/", dir: "/work/rel" });
    expect(mapUri("https://example.org/scripts/x%20y.sh?sig=1", [a, b])).toEqual({ path: "/work/rel/x y.sh", dir: "/work/rel" });
    expect(mapUri("https://example.org/other/z.sh", [a, b])).toEqual({ path: "/srv/a/other/z.sh", dir: "/srv/a" });
    expect(mapUri("https://elsewhere.org/z.sh", [a, b])).toBeUndefined();
    expect(parseMapping("no-equals", "/")).toBeUndefined();
  });
  it("refuses a path that leaves the folder", () => {
    const m = parseMapping("https://example.org/s/=/srv/s", "/")!;
    expect(mapUri("https://example.org/s/../../etc/passwd", [m])).toEqual({ error: "https://example.org/s/../../etc/passwd maps outside /srv/s" });
    expect(mapUri("https://example.org/s/..x.sh", [m])).toEqual({ path: "/srv/s/..x.sh", dir: "/srv/s" });
  });
});

const template = (uri: string, checksum = STALE) => `{
  "type": "Microsoft.VirtualMachineImages/imageTemplates",
  "apiVersion": "2022-07-01",
  "location": "westus2",
  "identity": { "type": "UserAssigned", "userAssignedIdentities": { "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aib": {} } },
  "properties": {
    "source": { "type": "PlatformImage", "publisher": "Canonical", "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts-gen2", "version": "latest" },
    "customize": [
      { "type": "Shell", "name": "setup", "scriptUri": "${uri}",
        "sha256Checksum": "${checksum}" }
    ],
    "distribute": [{ "type": "VHD", "runOutputName": "vhd" }]
  }
}
`;

describe("the CLI", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const folder = (files: Record<string, string>) => {
    const d = tempDir(files);
    dirs.push(d);
    return d;
  };

  it("touches no network without --verify-checksums", async () => {
    hits.clear();
    const cwd = folder({ "t.json": template(`${base}/ok.sh`) });
    const run = await cli(["--format", "json", "t.json"], { cwd });
    expect(run.code).toBe(0);
    expect([...hits.values()].reduce((a, b) => a + b, 0)).toBe(0);
  });

  it("with --verify-checksums reports a stale checksum as an error on the checksum line", async () => {
    const cwd = folder({ "t.json": template(`${base}/ok.sh`) });
    const run = await cli(["--verify-checksums", "--format", "json", "t.json"], { cwd });
    expect(run.code).toBe(1);
    const [d] = JSON.parse(run.stdout).files[0].diagnostics;
    expect(d).toMatchObject({ ruleId: "checksum-mismatch", severity: "error", range: { start: { line: 10, column: 27 } } });
    expect(d.message).toContain(SCRIPT_SHA);
  });

  it("reports a failed download as a warning and never prints a SAS query", async () => {
    const cwd = folder({ "t.json": template(`${base}/private.sh?sv=2022-11-02&sig=TOPSECRET`) });
    const run = await cli(["--verify-checksums", "--format", "sarif", "t.json"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("HTTP 404");
    expect(run.stdout).toContain("checksum-unverified");
    expect(run.stdout).not.toContain("TOPSECRET");
  });

  it("with --map-uri reads the file beside the template, offline", async () => {
    hits.clear();
    const cwd = folder({ "t.json": template(`${base}/scripts/setup.sh`, SCRIPT_SHA), "scripts/setup.sh": SCRIPT });
    expect((await cli(["--map-uri", `${base}/scripts/=scripts`, "t.json"], { cwd })).code).toBe(0);
    const stale = folder({ "t.json": template(`${base}/scripts/setup.sh`), "scripts/setup.sh": SCRIPT });
    const run = await cli(["--map-uri", `${base}/scripts/=scripts`, "--format", "json", "t.json"], { cwd: stale });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).files[0].diagnostics[0]).toMatchObject({ ruleId: "checksum-mismatch", range: { start: { line: 10 } } });
    expect(hits.size).toBe(0);
  });

  it("reads checksums.map from the configuration, relative to the configuration file", async () => {
    const cwd = folder({
      ".aib-lint.yaml": `checksums:\n  map:\n    "https://example.org/s/": files\n`,
      "templates/t.json": template("https://example.org/s/setup.sh"),
      "files/setup.sh": SCRIPT,
    });
    const run = await cli(["--format", "json", "t.json"], { cwd: join(cwd, "templates") });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).files[0].diagnostics[0].message).toContain(SCRIPT_SHA);
  });

  it("warns when a mapped file is missing, and rejects a malformed --map-uri", async () => {
    const cwd = folder({ "t.json": template("https://example.org/s/none.sh") });
    const run = await cli(["--map-uri", "https://example.org/s/=.", "--format", "json", "t.json"], { cwd });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).files[0].diagnostics[0]).toMatchObject({ ruleId: "checksum-unverified", severity: "warning" });
    expect((await cli(["--map-uri", "scripts", "t.json"], { cwd })).code).toBe(2);
  });

  // POSIX links, FIFOs and /proc (Linux)
  const posix = process.platform === "linux";
  const templates = (uris: string[]) => template(uris[0]!).replace(/"customize": \[[\s\S]*?\n    \]/, `"customize": [${uris.map((u, i) => `\n      { "type": "Shell", "name": "s${i}", "scriptUri": "${u}", "sha256Checksum": "${STALE}" }`).join(",")}\n    ]`);

  it.runIf(posix)("reads a mapped file only when its real path is a regular file inside the mapped folder", async () => {
    const cwd = folder({ "outside/secret.sh": "SECRET_TOKEN=1\n", "scripts/setup.sh": SCRIPT });
    symlinkSync("../outside", join(cwd, "scripts/out"));
    symlinkSync("/proc/self/environ", join(cwd, "scripts/env.sh"));
    symlinkSync("/dev/zero", join(cwd, "scripts/zero.sh"));
    symlinkSync("setup.sh", join(cwd, "scripts/same.sh"));
    execFileSync("mkfifo", [join(cwd, "scripts/fifo.sh")]);
    mkdirSync(join(cwd, "scripts/dir.sh"));
    const names = ["out/secret.sh", "env.sh", "zero.sh", "fifo.sh", "dir.sh", "same.sh"];
    const t = folder({ "t.json": templates(names.map((n) => `https://example.org/s/${n}`)) });
    const run = await cli(["--map-uri", `https://example.org/s/=${join(cwd, "scripts")}`, "--format", "json", "t.json"], { cwd: t, env: { CI_TOKEN: "ghp_NEVER_SHOWN" } });
    const found = JSON.parse(run.stdout).files.flatMap((f: { file: string; diagnostics: { ruleId: string; message: string; range: { start: { line: number } } }[] }) =>
      f.diagnostics.map((d) => `${f.file}:${d.range.start.line} ${d.ruleId}: ${d.message.replace(cwd, "DIR")}`),
    );
    expect(found).toEqual([
      "t.json:9 checksum-unverified: cannot verify https://example.org/s/out/secret.sh: https://example.org/s/out/secret.sh maps outside DIR/scripts (through a symbolic link)",
      "t.json:10 checksum-unverified: cannot verify https://example.org/s/env.sh: https://example.org/s/env.sh maps outside DIR/scripts (through a symbolic link)",
      "t.json:11 checksum-unverified: cannot verify https://example.org/s/zero.sh: https://example.org/s/zero.sh maps outside DIR/scripts (through a symbolic link)",
      "t.json:12 checksum-unverified: cannot verify https://example.org/s/fifo.sh: cannot read DIR/scripts/fifo.sh: not a regular file (a FIFO)",
      "t.json:13 checksum-unverified: cannot verify https://example.org/s/dir.sh: cannot read DIR/scripts/dir.sh: is a directory",
      `t.json:14 checksum-mismatch: sha256Checksum does not match https://example.org/s/same.sh: its SHA-256 is ${SCRIPT_SHA}; the build would fail at this step`,
    ]);
    expect(run.stdout).not.toContain("NEVER_SHOWN");
    expect(run.stdout).not.toContain("SECRET_TOKEN");
  });

  it.runIf(posix)("holds a mapped file to --max-file-size", async () => {
    const cwd = folder({ "t.json": template("https://example.org/s/big.sh"), "s/big.sh": "x".repeat(4096) });
    const run = await cli(["--map-uri", "https://example.org/s/=s", "--max-file-size", "0.002", "--format", "json", "t.json"], { cwd });
    expect(JSON.parse(run.stdout).files[0].diagnostics[0]).toMatchObject({ ruleId: "checksum-unverified", message: expect.stringContaining("it is 4 KB, over the 2 KB limit") });
  });

  it("never quotes a mapped script in a source excerpt; its findings keep their place", async () => {
    const cwd = folder({ "t.json": template("https://example.org/s/run.sh"), "s/run.sh": "#!/bin/sh\nTOKEN_NAME=ghp_SECRET\necho $1\n" });
    const run = await cli(["--map-uri", "https://example.org/s/=s", "--format", "pretty", "t.json"], { cwd, env: process.env });
    if (run.stderr.includes("not installed")) return expect(run.stderr).toContain("ShellCheck is not installed");
    expect(run.stdout).toContain("s/run.sh:2:1: warning: SC2034: TOKEN_NAME appears unused");
    expect(run.stdout).toContain("s/run.sh:3:6: info: SC2086");
    expect(run.stdout).not.toContain("ghp_SECRET");
    expect(run.stdout).not.toMatch(/^\s*3 \| /m);
  });
});
