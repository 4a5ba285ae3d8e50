/**
 * The whole matching run off the main thread: prepare features, score in two kernel workers,
 * solve and certify here, explain, post the result. The server's event loop stays free.
 */
import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import { MatchInputError, matchPrepared, prepareProgramme } from "../../core/matching/index.ts";
import type { RunMatchingInput, RunMessage } from "./run-protocol.ts";
import { createKernelPool, type WorkerKernel } from "./worker-kernel.ts";

const input = workerData as RunMatchingInput;
const post = (message: RunMessage) => parentPort!.postMessage(message);

async function run(): Promise<void> {
  const started = performance.now();
  const deadline = input.timeBudgetMs === undefined ? Number.POSITIVE_INFINITY : started + input.timeBudgetMs;
  post({ type: "progress", phase: "preparing", percent: 0 });
  const pool = createKernelPool(input.threads ?? 2);
  let kernel: WorkerKernel | undefined;
  let lastPercent = -1;
  try {
    const prepared = prepareProgramme(input.programme, input.config, { referenceWeek: input.referenceWeek });
    const prepareSeconds = (performance.now() - started) / 1000;
    const result = await matchPrepared(prepared, {
      objective: input.objective,
      minScore: input.minScore,
      explain: input.explain,
      kernel: (p) => {
        kernel = pool.kernelFor(p);
        return kernel;
      },
      shouldStop: () => performance.now() > deadline,
      onProgress: (phase, fraction) => {
        const percent = Math.floor(fraction * 100);
        if (percent !== lastPercent || fraction === 0) post({ type: "progress", phase, percent });
        lastPercent = percent;
      },
    });
    post({
      type: "done",
      result,
      seconds: { prepare: prepareSeconds, total: (performance.now() - started) / 1000 },
    });
  } finally {
    await (kernel ?? pool).close();
  }
}

run().catch((error: unknown) => {
  const e = error instanceof Error ? error : new Error(String(error));
  post({
    type: "error",
    name: e.name,
    message: e.message,
    path: e instanceof MatchInputError ? e.path : undefined,
  });
});
