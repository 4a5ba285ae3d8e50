/**
 * Loads a row kernel specialised to one programme (core/matching/scoring/row-kernel-instance.ts)
 * in this thread: a fresh module instance per programme, so its typed arrays are module-level
 * constants that V8 folds into the scoring loops. Rows are identical to the generic kernel's; if
 * the module cannot be loaded the generic kernel simply stays in use.
 */
import { setPendingInstance } from "../../core/matching/scoring/row-kernel.ts";
import type { PreparedProgramme } from "../../core/matching/scoring/prepared.ts";

let instances = 0;

/**
 * Makes scoreMenteeRow (and so top-K and pricing out) use a kernel specialised to `prepared`.
 *
 * Example: await specialiseKernel(prepared); topKForMentees(prepared, 0, 100, 48, 0);
 */
export async function specialiseKernel(prepared: PreparedProgramme): Promise<boolean> {
  const extension = import.meta.url.endsWith(".ts") ? "ts" : "js";
  const url = new URL(`../../core/matching/scoring/row-kernel-instance.${extension}`, import.meta.url);
  url.searchParams.set("programme", String(++instances));
  setPendingInstance(prepared);
  try {
    await import(url.href);
    return true;
  } catch {
    setPendingInstance(undefined);
    return false;
  }
}
