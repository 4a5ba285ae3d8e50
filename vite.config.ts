import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The web app lives in src/web and builds into dist/web, which the server serves
 * (index.html for client routes, hashed files under /assets/).
 */
export default defineConfig({
  root: "src/web",
  plugins: [react()],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    // The server's CSP forbids inline scripts and styles: never inline assets as data: scripts.
    assetsInlineLimit: 0,
    sourcemap: true,
  },
  server: {
    // ws: the realtime socket (GET /api/realtime) goes through the proxy too.
    proxy: { "/api": { target: "http://localhost:3000", ws: true } },
  },
});
