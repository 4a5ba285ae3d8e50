import type { FastifyInstance } from "fastify";
import { invalidField } from "./app-error.ts";

/**
 * The path of the first string (value or key) holding a NUL character, or null. Binary bodies
 * (Buffers, typed arrays: uploaded images) are bytes, not text, and are not searched.
 */
export function findNulCharacter(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (ArrayBuffer.isView(value)) return null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNulCharacter(item, `${path}.${index}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes("\u0000")) return `${path}.${key.replaceAll("\u0000", "")}`;
      const found = findNulCharacter(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * PostgreSQL text cannot hold a NUL character (a query with one fails), so a request carrying
 * one anywhere is refused up front as bad input naming the field, for every route at once.
 */
export function installTextGuard(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const path =
      findNulCharacter(request.params, "params") ??
      findNulCharacter(request.query, "query") ??
      findNulCharacter(request.body, "body");
    if (path) throw invalidField(path, "must not contain a NUL character");
  });
}
