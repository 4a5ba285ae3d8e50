import { Worker } from "node:worker_threads";

/**
 * Starts a worker from a sibling module. Under tsx or vitest the sources are TypeScript, and Node
 * 20 does not hand `--import tsx` on to worker threads, so the worker starts in a small .mjs
 * bootstrap that registers tsx's loader and then imports the .ts module; a compiled build (.js)
 * starts the .js sibling directly.
 */
export function spawnWorker(name: string, workerData?: unknown): Worker {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL(`./${name}.js`, import.meta.url), { workerData });
  const entry = new URL(`./${name}.ts`, import.meta.url).href;
  return new Worker(new URL("./worker-bootstrap.mjs", import.meta.url), { argv: [entry], workerData });
}
