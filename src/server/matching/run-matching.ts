/**
 * Runs the matcher in a worker thread (which itself scores in two more), with progress events and
 * cancellation, so a server keeps answering requests during a 50,000-person run.
 */
import { MatchInputError, type MatchResult } from "../../core/matching/index.ts";
import type { MatchProgress, RunMatchingInput, RunMessage } from "./run-protocol.ts";
import { spawnWorker } from "./spawn-worker.ts";

export type { MatchProgress, RunMatchingInput } from "./run-protocol.ts";

export interface RunMatchingOptions {
  /** Aborting terminates the run's threads at once and rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: MatchProgress) => void;
}

export interface RunMatchingOutput {
  readonly result: MatchResult;
  /** Wall-clock seconds: prepare (features) and total, measured in the worker. */
  readonly seconds: Record<string, number>;
}

/**
 * Matches a programme in a worker thread.
 *
 * Example:
 *   const controller = new AbortController();
 *   const { result } = await runMatching(
 *     { programme, config, objective: "participation", referenceWeek: "2026-03-30" },
 *     { signal: controller.signal, onProgress: ({ phase, percent }) => console.log(phase, percent) },
 *   );
 */
export function runMatching(
  input: RunMatchingInput,
  options: RunMatchingOptions = {},
): Promise<RunMatchingOutput> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const worker = spawnWorker("match-run.worker", input);
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      action();
      void worker.terminate();
    };
    const onAbort = () => finish(() => reject(signal!.reason));
    signal?.addEventListener("abort", onAbort, { once: true });
    worker.on("message", (message: RunMessage) => {
      if (message.type === "progress")
        options.onProgress?.({ phase: message.phase, percent: message.percent });
      else if (message.type === "done")
        finish(() => resolve({ result: message.result, seconds: message.seconds }));
      else {
        const error =
          message.name === "MatchInputError" && message.path !== undefined
            ? new MatchInputError(message.path, message.message.slice(message.path.length + 2))
            : Object.assign(new Error(message.message), { name: message.name });
        finish(() => reject(error));
      }
    });
    worker.on("error", (error) => finish(() => reject(error)));
    worker.on("exit", (code) => finish(() => reject(new Error(`matching worker exited with code ${code}`))));
  });
}
