import { eq } from "drizzle-orm";
import type { Database } from "../connection.ts";
import { instanceSettings } from "../schema.ts";

/** Instance-wide key/value settings shared by every server instance on the database. */
export function settingsRepository(db: Database) {
  return {
    /**
     * Returns the stored value for `key`, storing `create()` first when there is none. Safe when
     * several instances start at once: the first insert wins and everyone reads it back.
     */
    async getOrCreate(key: string, create: () => string): Promise<string> {
      await db.insert(instanceSettings).values({ key, value: create() }).onConflictDoNothing();
      const [row] = await db
        .select({ value: instanceSettings.value })
        .from(instanceSettings)
        .where(eq(instanceSettings.key, key));
      return row.value;
    },
  };
}
