/**
 * Enforces the layer rules of docs/ARCHITECTURE.md: each folder under src/ may import only the
 * layers listed for it. Run by `npm run lint` (and so by `npm test`); exits 1 listing each breach.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const allowed: Record<string, readonly string[]> = {
  core: [],
  contracts: ["core"],
  db: ["core"],
  server: ["core", "contracts", "db"],
  web: ["contracts", "core"],
  cli: ["server", "db", "core", "contracts"],
};

const root = resolve(import.meta.dirname, "..");
const src = join(root, "src");
const importPattern = /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx)$/.test(name)) yield path;
  }
}

function layerOf(path: string): string | undefined {
  const rel = relative(src, path);
  if (rel.startsWith("..")) return undefined;
  return rel.split(sep)[0];
}

const breaches: string[] = [];
for (const file of sourceFiles(src)) {
  const from = layerOf(file);
  if (!from || !(from in allowed)) continue;
  const text = readFileSync(file, "utf8");
  for (const match of text.matchAll(importPattern)) {
    const specifier = match[1] ?? match[2];
    if (!specifier?.startsWith(".")) continue;
    const to = layerOf(resolve(dirname(file), specifier));
    if (!to) {
      breaches.push(`${relative(root, file)} imports ${specifier}, outside src/`);
    } else if (to !== from && !allowed[from].includes(to)) {
      breaches.push(`${relative(root, file)}: ${from} may not import ${to} (${specifier})`);
    }
  }
}

if (breaches.length > 0) {
  console.error(`Layer rules broken (see docs/ARCHITECTURE.md):\n  ${breaches.join("\n  ")}`);
  process.exit(1);
}
console.log("layers: ok");
