/**
 * A KernelPort backed by worker threads: mentees are split into contiguous slices, one per
 * thread, for both the top-K pass and pricing out; results are merged in mentee order, so the
 * output is the same as in-process scoring.
 */
import type { Worker } from "node:worker_threads";
import type {
  KernelPort,
  PreparedProgramme,
  PriceOutRequest,
  PriceOutResult,
  TopKBlock,
} from "../../core/matching/index.ts";
import type { KernelRequest, KernelResponse } from "./kernel-protocol.ts";
import { spawnWorker } from "./spawn-worker.ts";

function call(
  worker: Worker,
  request: KernelRequest,
  onProgress?: (done: number) => void,
): Promise<KernelResponse> {
  return new Promise((resolve, reject) => {
    const onMessage = (response: KernelResponse) => {
      if (response.type === "progress") {
        onProgress?.(response.done);
        return;
      }
      worker.off("message", onMessage);
      worker.off("error", reject);
      resolve(response);
    };
    worker.on("message", onMessage);
    worker.once("error", reject);
    worker.postMessage(request);
  });
}

function slices(count: number, parts: number): [number, number][] {
  const out: [number, number][] = [];
  for (let p = 0; p < parts; p++)
    out.push([Math.floor((count * p) / parts), Math.floor((count * (p + 1)) / parts)]);
  return out;
}

function slicePriceOut(request: PriceOutRequest, from: number, to: number): PriceOutRequest {
  const base = request.graphStart[from];
  return {
    ...request,
    mentees: request.mentees.slice(from, to),
    menteePrice: request.menteePrice.slice(from, to),
    graphStart: request.graphStart.slice(from, to + 1).map((x) => x - base),
    graphMentor: request.graphMentor.slice(base, request.graphStart[to]),
  };
}

function concat<T extends Int32Array>(parts: readonly T[]): Int32Array {
  const out = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface WorkerKernel extends KernelPort {
  close(): Promise<void>;
}

/** Workers started when this module loads, not yet taken by a pool (unref'd: they never hold the process open). */
const prestarted: { worker: Worker; failed: boolean }[] = [];

/**
 * Starts kernel workers ahead of use so that their start-up (a thread, the TypeScript loader, the
 * kernel modules: a few hundred ms) overlaps whatever the process does next, such as preparing the
 * features. Called once when this module loads, for the default two threads; each worker still
 * serves exactly one pool.
 *
 * Example: prestartKernelWorkers(4); // before a 4-thread pool
 */
export function prestartKernelWorkers(threads = 2): void {
  while (prestarted.length < threads) {
    const entry = { worker: spawnWorker("kernel.worker"), failed: false };
    entry.worker.unref();
    entry.worker.once("error", () => {
      entry.failed = true;
    });
    prestarted.push(entry);
  }
}

function takeWorker(): Worker {
  for (let entry = prestarted.shift(); entry; entry = prestarted.shift()) {
    if (entry.failed) continue;
    entry.worker.ref();
    return entry.worker;
  }
  return spawnWorker("kernel.worker");
}

prestartKernelWorkers(2);

/** Kernel workers started ahead of time (their start-up overlaps preparing the features). */
export interface KernelPool {
  kernelFor(prepared: PreparedProgramme): WorkerKernel;
  close(): Promise<void>;
}

/**
 * Starts `threads` kernel workers with no programme yet.
 *
 * Example: const pool = createKernelPool(2); const prepared = prepareProgramme(...); const kernel = pool.kernelFor(prepared);
 */
export function createKernelPool(threads = 2): KernelPool {
  const workers = Array.from({ length: Math.max(1, threads) }, takeWorker);
  const close = async () => {
    await Promise.all(workers.map((w) => w.terminate()));
  };
  return { kernelFor: (prepared) => kernelOn(workers, prepared, close), close };
}

/**
 * Starts `threads` kernel workers holding `prepared` (they load while the caller goes on).
 *
 * Example: const kernel = startWorkerKernel(prepared, 2); await kernel.topK(24, 0, () => {}); await kernel.close();
 */
export function startWorkerKernel(prepared: PreparedProgramme, threads = 2): WorkerKernel {
  return createKernelPool(threads).kernelFor(prepared);
}

function kernelOn(workers: Worker[], prepared: PreparedProgramme, close: () => Promise<void>): WorkerKernel {
  const ready = Promise.all(workers.map((w) => call(w, { type: "init", prepared })));
  const n = prepared.menteeIds.length;
  return {
    async topK(k, minScore, onProgress): Promise<TopKBlock[]> {
      await ready;
      const done = new Array<number>(workers.length).fill(0);
      const parts = slices(n, workers.length);
      const responses = await Promise.all(
        workers.map((w, p) =>
          call(w, { type: "topK", from: parts[p][0], to: parts[p][1], k, minScore }, (rows) => {
            done[p] = rows;
            onProgress(done.reduce((a, b) => a + b, 0) / Math.max(1, n));
          }),
        ),
      );
      return responses.map((r) => (r as Extract<KernelResponse, { type: "topK" }>).block);
    },
    async priceOut(request): Promise<PriceOutResult> {
      await ready;
      const parts = slices(request.mentees.length, workers.length);
      const responses = await Promise.all(
        workers.map((w, p) =>
          call(w, { type: "priceOut", request: slicePriceOut(request, parts[p][0], parts[p][1]) }),
        ),
      );
      const results = responses.map((r) => (r as Extract<KernelResponse, { type: "priceOut" }>).result);
      return {
        pairPosition: concat(results.map((r, p) => r.pairPosition.map((x) => x + parts[p][0]))),
        pairMentor: concat(results.map((r) => r.pairMentor)),
        pairScore: concat(results.map((r) => r.pairScore)),
        nextBest: concat(results.map((r) => r.nextBest)),
      };
    },
    close,
  };
}
