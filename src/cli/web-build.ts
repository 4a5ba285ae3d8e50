import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder holding package.json: two up from src/cli, three up from the build in dist/server/cli. */
function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const projectRoot = findProjectRoot();
export const webBuildDir = join(projectRoot, "dist", "web");
const webSources = [
  join(projectRoot, "src", "web"),
  join(projectRoot, "src", "contracts"),
  join(projectRoot, "vite.config.ts"),
];

function newestModification(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestModification(join(path, name)));
  return newest;
}

/** True when there is no web build, or a source is newer than it. */
export function isWebBuildStale(): boolean {
  const index = join(webBuildDir, "index.html");
  if (!existsSync(index)) return true;
  if (!existsSync(join(projectRoot, "src", "web"))) return false;
  return Math.max(...webSources.map(newestModification)) > statSync(index).mtimeMs;
}

/** Builds the web app with Vite into dist/web. */
export async function buildWeb(log: (line: string) => void): Promise<void> {
  log("Building the web app (first start, or its sources changed)...");
  const started = performance.now();
  const { build } = await import("vite");
  await build({ configFile: join(projectRoot, "vite.config.ts"), logLevel: "warn" });
  log(`Web app built in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
