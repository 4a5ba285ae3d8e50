import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase } from "../connection.ts";

let folder: string | undefined;

/**
 * Builds one migrated PGlite database for the whole test run and saves it as a data-folder
 * tarball; every test file loads that (about 1 s) instead of running initdb and the migrations
 * (about 5 s on this machine). Test workers find it through TRELLIS_PGLITE_TEMPLATE.
 */
export async function setup(): Promise<void> {
  const pglite = await PGlite.create();
  const handle = await openDatabase({ kind: "pglite", pglite });
  await handle.migrate();
  const dump = await pglite.dumpDataDir("none");
  await handle.close();
  folder = mkdtempSync(join(tmpdir(), "trellis-pglite-template-"));
  const path = join(folder, "template.tar");
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  process.env.TRELLIS_PGLITE_TEMPLATE = path;
}

export async function teardown(): Promise<void> {
  if (folder) rmSync(folder, { recursive: true, force: true });
}
