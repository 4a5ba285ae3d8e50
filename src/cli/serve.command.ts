import { ConfigError, loadConfig } from "../server/config.ts";
import { startServer } from "../server/start-server.ts";
import { DataFolderInUseError } from "../db/index.ts";
import { buildWeb, isWebBuildStale, webBuildDir } from "./web-build.ts";

/** `trellis serve`: builds the web app if needed, then serves web and API until stopped. */
export async function serveCommand(): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  if (process.env.TRELLIS_SKIP_WEB_BUILD !== "1" && isWebBuildStale())
    await buildWeb((line) => console.log(line));
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config, { webRoot: webBuildDir });
  } catch (error) {
    if (error instanceof DataFolderInUseError) {
      console.error(error.message);
      return 3;
    }
    throw error;
  }
  const where =
    config.database.kind === "pglite"
      ? `embedded PostgreSQL in ${config.database.dataDir}`
      : "PostgreSQL server";
  console.log(`Trellis listening on ${server.url} (${where})`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  console.log("Shutting down...");
  await server.close();
  return 0;
}
