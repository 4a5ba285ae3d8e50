import type { FastifyInstance } from "fastify";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { TRELLIS_VERSION } from "../system/health.routes.ts";

/** OpenAPI 3 generated from the zod contracts, at /api/openapi.json, with a docs page at /api/docs. */
export async function installOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Trellis API",
        description: "Mentoring and coaching programmes. Cookie sessions; send X-CSRF-Token on writes.",
        version: TRELLIS_VERSION,
      },
      tags: [{ name: "system" }, { name: "accounts" }, { name: "organisations" }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    staticCSP: true,
    // The docs page brings its own CSP; keep it from being framed, like every other page.
    transformStaticCSP: (header) =>
      header
        .replace(/upgrade-insecure-requests;?/, "")
        .replace(/frame-ancestors [^;]*/, "frame-ancestors 'none'")
        .replace(/validator\.swagger\.io/, ""),
    uiConfig: { docExpansion: "list", deepLinking: true, validatorUrl: null },
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}
