import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./paths.ts";

/**
 * Builds the web app once for the whole e2e run, so the server serves what we test.
 * TRELLIS_E2E_SKIP_BUILD=1 reuses an existing dist/web (for quick local reruns).
 */
export default function buildWeb(): void {
  if (process.env.TRELLIS_E2E_SKIP_BUILD === "1" && existsSync(join(repoRoot, "dist/web/index.html"))) return;
  const vite = join(repoRoot, "node_modules/vite/bin/vite.js");
  const result = spawnSync(process.execPath, [vite, "build", "--logLevel", "warn"], {
    cwd: repoRoot,
    stdio: "inherit",
    timeout: 180_000,
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
}
