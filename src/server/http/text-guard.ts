import type { FastifyInstance } from "fastify";
import { invalidField } from "./app-error.ts";

/**
 * How deep a request's JSON may nest. No wire shape of ours goes past a handful of levels; a
 * limit far above that refuses only hostile input (7,700 nested arrays used to overflow the stack
 * of a recursive walk and answer 500 on every body route).
 */
export const MAX_NESTING_DEPTH = 64;

export type TextProblem = { path: string; message: string };

/**
 * The first problem in a request part: nesting deeper than MAX_NESTING_DEPTH, or a string (value
 * or key) holding a NUL character. Walks with its own stack, never recursion, so no input can
 * overflow the call stack. Binary bodies (Buffers, typed arrays: uploaded images) are bytes, not
 * text, and are not searched.
 */
export function findTextProblem(value: unknown, root: string): TextProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; path: string; depth: number };
    const current = item.value;
    if (typeof current === "string") {
      if (current.includes("\u0000")) return { path: item.path, message: "must not contain a NUL character" };
      continue;
    }
    if (!current || typeof current !== "object" || ArrayBuffer.isView(current)) continue;
    if (item.depth >= MAX_NESTING_DEPTH) {
      return { path: root, message: `nests deeper than ${MAX_NESTING_DEPTH} levels` };
    }
    const children: { value: unknown; path: string; depth: number }[] = [];
    if (Array.isArray(current)) {
      current.forEach((child, index) => {
        children.push({ value: child, path: `${item.path}.${index}`, depth: item.depth + 1 });
      });
    } else {
      for (const [key, child] of Object.entries(current)) {
        if (key.includes("\u0000")) {
          return {
            path: `${item.path}.${key.replaceAll("\u0000", "")}`,
            message: "must not contain a NUL character",
          };
        }
        children.push({ value: child, path: `${item.path}.${key}`, depth: item.depth + 1 });
      }
    }
    // Pushed in reverse so the first child is looked at first: the reported path is the first in order.
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]);
  }
  return null;
}

/** The path of the first string (value or key) holding a NUL character, or null. */
export function findNulCharacter(value: unknown, path: string): string | null {
  const problem = findTextProblem(value, path);
  return problem?.message.startsWith("must not") ? problem.path : null;
}

/**
 * PostgreSQL text cannot hold a NUL character (a query with one fails), and absurdly deep JSON is
 * never legitimate, so a request carrying either is refused up front as bad input naming the
 * field, for every route at once.
 */
export function installTextGuard(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const problem =
      findTextProblem(request.params, "params") ??
      findTextProblem(request.query, "query") ??
      findTextProblem(request.body, "body");
    if (problem) throw invalidField(problem.path, problem.message);
  });
}
