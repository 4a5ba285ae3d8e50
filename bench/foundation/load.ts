import http from "node:http";

export interface LoadResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** Every answered request's latency in ms, sorted (to merge runs). */
  latencies: number[];
}

/** One result from several runs: their requests and seconds summed, percentiles over all. */
export function mergeLoads(runs: LoadResult[]): LoadResult {
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  return summarise(
    latencies,
    seconds,
    runs.reduce((sum, run) => sum + run.errors, 0),
  );
}

function summarise(latencies: number[], seconds: number, errors: number): LoadResult {
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return {
    requests: latencies.length,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    errors,
    latencies,
  };
}

/**
 * A small closed-loop HTTP load generator: `concurrency` keep-alive connections each send the
 * next request as soon as the previous answer arrives, for `seconds`. Latencies are exact (every
 * request is timed), so p99 is computed, not estimated.
 */
export async function runLoad(options: {
  url: string;
  headers: Record<string, string>;
  concurrency: number;
  seconds: number;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const target = new URL(options.url);
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + options.seconds * 1000;
  const once = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const request = http.request(
        { agent, host: target.hostname, port: target.port, path: target.pathname, headers: options.headers },
        (response) => {
          response.resume();
          response.on("end", () => {
            if (response.statusCode === 200) latencies.push(performance.now() - started);
            else errors++;
            resolve();
          });
        },
      );
      request.on("error", () => {
        errors++;
        resolve();
      });
      request.end();
    });
  const began = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) await once();
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return summarise(latencies, seconds, errors);
}
