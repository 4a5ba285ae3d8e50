import { parseArgs } from "node:util";
import { z } from "zod";
import { EmailSchema, PasswordSchema, PersonNameSchema } from "../contracts/common.ts";
import { inTransaction } from "../db/index.ts";
import { loadConfig } from "../server/config.ts";
import { hashPassword } from "../server/security/passwords.ts";
import { openConfiguredDatabase } from "../server/start-server.ts";

const ArgsSchema = z.object({
  email: EmailSchema,
  name: PersonNameSchema,
  password: PasswordSchema,
  organisation: z.string().trim().min(1).max(120).default("My organisation"),
});

/**
 * `trellis create-admin --email a@b.c --name "Ada" --password ... [--organisation "Acme"]`:
 * makes the person an owner of the named organisation, creating either when missing.
 */
export async function createAdminCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      organisation: { type: "string" },
    },
  });
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".")}: ${issue.message}`);
    console.error(
      "Usage: trellis create-admin --email EMAIL --name NAME --password PASSWORD [--organisation NAME]",
    );
    return 2;
  }
  const input = parsed.data;
  const handle = await openConfiguredDatabase(loadConfig());
  try {
    const passwordHash = await hashPassword(input.password);
    const result = await inTransaction(handle.db, async (repos) => {
      const user =
        (await repos.users.findByEmailWithHash(input.email)) ??
        (await repos.users.create({
          email: input.email,
          name: input.name,
          passwordHash,
          emailVerifiedAt: new Date(),
        }));
      if (!user) throw new Error("could not create the user");
      const orgId =
        (await repos.organisations.membershipsOf(user.id)).find((m) => m.orgName === input.organisation)
          ?.orgId ?? (await repos.organisations.create(input.organisation));
      await repos.organisations.addMember(orgId, user.id, "owner");
      await repos.users.update(user.id, { lastOrgId: orgId });
      return { userId: user.id, orgId };
    });
    console.log(`${input.email} is an owner of "${input.organisation}" (organisation ${result.orgId}).`);
    return 0;
  } finally {
    await handle.close();
  }
}
