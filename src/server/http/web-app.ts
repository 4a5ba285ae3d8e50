import { existsSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import fastifyStatic from "@fastify/static";

/**
 * Serves the built single-page app: files under the build folder, and index.html for any other
 * GET that wants HTML (client-side routes such as /members). Returns false when there is no build.
 */
export async function installWebApp(app: FastifyInstance, webRoot: string | null): Promise<boolean> {
  if (!webRoot || !existsSync(join(webRoot, "index.html"))) return false;
  await app.register(fastifyStatic, {
    root: webRoot,
    wildcard: false,
    index: false,
    setHeaders(response, path) {
      if (path.includes(`${join(webRoot, "assets")}`))
        response.header("cache-control", "public, max-age=31536000, immutable");
    },
  });
  const sendIndex = (
    _request: unknown,
    reply: { header: (k: string, v: string) => void; sendFile: (f: string) => unknown },
  ) => {
    reply.header("cache-control", "no-cache");
    return reply.sendFile("index.html");
  };
  app.get("/", sendIndex as never);
  app.get("/*", async (request, reply) => {
    const path = request.url.split("?")[0];
    if (path.startsWith("/api/") || path === "/api") return reply.callNotFound();
    const file = join(webRoot, decodeURIComponent(path));
    if (file.startsWith(webRoot) && existsSync(file) && !file.endsWith("/"))
      return reply.sendFile(path.slice(1));
    if (/\.[a-z0-9]+$/i.test(path)) return reply.callNotFound();
    return sendIndex(request, reply as never);
  });
  return true;
}
