/**
 * A scoring thread: holds one prepared programme and answers top-K and price-out requests for a
 * slice of mentees with the pure kernel of src/core/matching.
 */
import { parentPort } from "node:worker_threads";
// the kernel modules only (not the matching index): less to load in every worker
import { priceOutMentees } from "../../core/matching/candidates/price-out.ts";
import { topKForMentees } from "../../core/matching/candidates/top-k.ts";
import type { PreparedProgramme } from "../../core/matching/scoring/prepared.ts";
import type { KernelRequest, KernelResponse } from "./kernel-protocol.ts";
import { specialiseKernel } from "./specialise-kernel.ts";

let prepared: PreparedProgramme | undefined;
const port = parentPort!;

port.on("message", (request: KernelRequest) => {
  const reply = (response: KernelResponse) => port.postMessage(response);
  if (request.type === "init") {
    prepared = request.prepared;
    const programme = prepared;
    // requests wait for "ready", so none arrives before the specialised kernel is in place
    void specialiseKernel(programme).then(() => reply({ type: "ready" }));
    return;
  }
  if (!prepared) throw new Error("kernel worker used before init");
  if (request.type === "topK") {
    const block = topKForMentees(prepared, request.from, request.to, request.k, request.minScore, (done) =>
      reply({ type: "progress", done }),
    );
    reply({ type: "topK", block });
  } else {
    reply({ type: "priceOut", result: priceOutMentees(prepared, request.request) });
  }
});
