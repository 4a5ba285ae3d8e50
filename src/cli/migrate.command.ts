import { loadConfig } from "../server/config.ts";
import { openConfiguredDatabase } from "../server/start-server.ts";

/** `trellis migrate`: applies pending migrations and exits. */
export async function migrateCommand(): Promise<number> {
  const config = loadConfig();
  const handle = await openConfiguredDatabase({ ...config, runMigrations: true });
  await handle.close();
  console.log("Migrations applied.");
  return 0;
}
