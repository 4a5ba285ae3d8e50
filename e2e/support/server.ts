import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./paths.ts";

export interface RunningServer {
  url: string;
  dataDir: string;
  /** Everything the server printed, for the failure message of a test. */
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject()));
    });
  });
}

/**
 * Starts the real Trellis server (`trellis serve`) on a free port with a fresh embedded database
 * and no SMTP server, so sent email lands in the outbox that admins read. Resolves once
 * GET /api/health answers 200. `prepare` lists `trellis` commands (argument lists) to run first;
 * `env` adds variables, read when the server starts (e.g. SMTP_URL of a test SMTP server started
 * in an earlier beforeAll).
 */
export async function startServer(
  options: { prepare?: string[][]; env?: () => Record<string, string> } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), "trellis-e2e-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    TRELLIS_DATA_DIR: dataDir,
    PUBLIC_URL: url,
    // The global set-up has just built dist/web.
    TRELLIS_SKIP_WEB_BUILD: "1",
  };
  delete env.SMTP_URL;
  delete env.DATABASE_URL;
  Object.assign(env, options.env?.());

  // CLI commands to run on the data folder first (the server holds its lock once started).
  for (const args of options.prepare ?? []) {
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
      cwd: repoRoot,
      env,
      encoding: "utf8",
      timeout: 120_000,
    });
    if (result.status !== 0) {
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`trellis ${args[0]} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
    }
  }

  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve"], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  let exited = false;
  const exit = new Promise<void>((resolveExit) =>
    child.once("exit", () => {
      exited = true;
      resolveExit();
    }),
  );

  const stop = async () => {
    if (!exited && child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
      const timedOut = await Promise.race([exit.then(() => false), sleep(10_000).then(() => true)]);
      if (timedOut) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // Already gone.
        }
        await exit;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (exited) {
      await stop();
      throw new Error(`The server exited before it was healthy:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return { url, dataDir, output: () => output, stop };
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`The server was not healthy within 90 s:\n${output}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}
