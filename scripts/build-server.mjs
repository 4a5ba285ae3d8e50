/**
 * Builds the server and the `trellis` command into dist/server: every TypeScript module under
 * src/ (except the web app and tests) becomes one JavaScript module at the same relative path, its
 * relative imports renamed .ts → .js. Production then loads plain JavaScript instead of compiling
 * TypeScript at every start (tsx): `trellis --help` drops from about 0.3-1.5 s to under 0.1 s and
 * a start-up loses the compile and loader-thread time.
 *
 * Plain JavaScript (not TypeScript) so that bin/trellis.js can call it without tsx.
 * One file per module, not a bundle: paths resolved from import.meta.url (migrations, worker
 * entries, the specialised row kernel) stay valid because the layout is the same as src/.
 *
 *   node scripts/build-server.mjs            build when stale (no-op when fresh)
 *   node scripts/build-server.mjs --force    build regardless
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("../", import.meta.url));
export const serverBuildDir = join(projectRoot, "dist", "server");
const sourceDir = join(projectRoot, "src");
/** Written last by a build; its mtime is the build's time. */
const stampFile = join(serverBuildDir, ".built");

/** True for the modules the server build holds: server-side TypeScript, no tests, no web app. */
function isServerSource(path) {
  const rel = relative(sourceDir, path);
  if (rel.startsWith(`web/`)) return false;
  return (
    (path.endsWith(".ts") && !path.endsWith(".test.ts") && !path.endsWith(".d.ts")) || path.endsWith(".mjs")
  );
}

/** Walks src/ once: the server's source files and the newest modification time among them. */
function scanSources() {
  const files = [];
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== join(sourceDir, "web")) walk(path);
        newest = Math.max(newest, statSync(path).mtimeMs);
      } else if (isServerSource(path) || path.includes(`${join("db", "migrations")}`)) {
        files.push(path);
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  walk(sourceDir);
  return { files, newest };
}

/**
 * True when dist/server is missing or older than a source file (or a folder, so a deleted or
 * renamed file counts too). Always false in an installation without src/ (nothing to build from).
 */
export function isServerBuildStale() {
  if (!existsSync(sourceDir)) return false;
  if (!existsSync(stampFile)) return true;
  const built = statSync(stampFile).mtimeMs;
  const buildScript = statSync(fileURLToPath(import.meta.url)).mtimeMs;
  return Math.max(scanSources().newest, buildScript) > built;
}

/**
 * Writes a file through a temporary name and a rename, so a process reading it never sees half;
 * an unchanged file is left alone (a rebuild after editing one source rewrites one module).
 */
function writeAtomically(path, contents) {
  try {
    if (Buffer.from(contents).equals(readFileSync(path))) return;
  } catch {}
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/**
 * Compiles src/ into dist/server with esbuild (installed with tsx and vite). Safe to run from two
 * processes at once: each file is replaced atomically and both write the same contents.
 */
export async function buildServer() {
  const { build } = await import("esbuild");
  const { files } = scanSources();
  const entryPoints = files.filter((path) => path.endsWith(".ts"));
  const result = await build({
    entryPoints,
    outdir: serverBuildDir,
    outbase: sourceDir,
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: "linked",
    logLevel: "warning",
    plugins: [
      {
        // Every import stays an import: packages as they are, our modules renamed to .js.
        name: "keep-imports",
        setup(plugin) {
          plugin.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === "entry-point") return undefined;
            if (!args.path.startsWith(".")) return { path: args.path, external: true };
            return { path: args.path.replace(/\.ts$/, ".js"), external: true };
          });
        },
      },
    ],
  });
  for (const output of result.outputFiles) writeAtomically(output.path, output.contents);
  for (const path of files.filter((file) => !file.endsWith(".ts")))
    writeAtomically(join(serverBuildDir, relative(sourceDir, path)), readFileSync(path));
  mkdirSync(serverBuildDir, { recursive: true });
  writeFileSync(stampFile, `${new Date().toISOString()}\n`);
  return { modules: entryPoints.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes("--force");
  if (force || isServerBuildStale()) {
    const started = performance.now();
    const { modules } = await buildServer();
    console.log(
      `Server built: ${modules} modules in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
  }
}
