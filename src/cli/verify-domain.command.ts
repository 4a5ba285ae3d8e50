import { parseArgs } from "node:util";
import { z } from "zod";
import { IdSchema } from "../contracts/common.ts";
import type { OrgId } from "../core/accounts/types.ts";
import { loadConfig } from "../server/config.ts";
import { verifyDomainByOperator } from "../server/sso/domain-verification.ts";
import { openConfiguredDatabase } from "../server/start-server.ts";

const ArgsSchema = z.object({
  organisation: IdSchema,
  domain: z.string().trim().toLowerCase().min(3).max(253),
});

/**
 * `trellis verify-domain --organisation ORG_ID --domain example.org`: the operator vouches that the
 * organisation controls the domain it listed under Settings → Single sign-on (ADR 0005), for
 * deployments without email or domains whose role addresses receive none. Recorded in the
 * organisation's audit log.
 */
export async function verifyDomainCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { organisation: { type: "string" }, domain: { type: "string" } },
  });
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".")}: ${issue.message}`);
    console.error("Usage: trellis verify-domain --organisation ORG_ID --domain DOMAIN");
    return 2;
  }
  const handle = await openConfiguredDatabase(loadConfig());
  try {
    await verifyDomainByOperator(
      { db: handle.db, now: () => new Date() },
      parsed.data.organisation as OrgId,
      parsed.data.domain,
    );
    console.log(`${parsed.data.domain} is verified for organisation ${parsed.data.organisation}.`);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  } finally {
    await handle.close();
  }
}
