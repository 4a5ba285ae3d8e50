#!/usr/bin/env node
// Runs the `trellis` command from its JavaScript build in dist/server, building it first when it
// is missing or older than src/ (about half a second with esbuild), so nothing compiles
// TypeScript at run time. If the build cannot be made (no esbuild), falls back to tsx.
import { buildServer, isServerBuildStale } from "../scripts/build-server.mjs";

let entry = "../dist/server/cli/main.js";
if (isServerBuildStale()) {
  try {
    await buildServer();
  } catch (error) {
    console.error(
      `Could not build the server (${error instanceof Error ? error.message : error}); running from TypeScript.`,
    );
    const { register } = await import("tsx/esm/api");
    register();
    entry = "../src/cli/main.ts";
  }
}
await import(entry);
