import { parseArgs } from "node:util";
import type { OrgId, UserId } from "../core/accounts/types.ts";
import { inTransaction } from "../db/index.ts";
import { loadConfig } from "../server/config.ts";
import { hashPassword } from "../server/security/passwords.ts";
import { openConfiguredDatabase } from "../server/start-server.ts";
import { FAMILY_NAMES, GIVEN_NAMES } from "./demo-names.ts";

export const DEMO_ADMIN_EMAIL = "admin@demo.trellis.test";
export const DEMO_PASSWORD = "trellis-demo-2026";
const DEMO_ORG = "Northwind Demo";

/** A small seeded PRNG (mulberry32) so the demo is the same every time. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Builds `count` distinct people with realistic names and matching emails. */
export function demoPeople(count: number, seed = 42): { name: string; email: string }[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  const people: { name: string; email: string }[] = [];
  while (people.length < count) {
    const given = GIVEN_NAMES[Math.floor(random() * GIVEN_NAMES.length)];
    const family = FAMILY_NAMES[Math.floor(random() * FAMILY_NAMES.length)];
    const base = `${given}.${family}`
      .toLowerCase()
      .normalize("NFD")
      .replace(/[^a-z.]/g, "");
    let email = `${base}@demo.trellis.test`;
    for (let n = 2; seen.has(email); n++) email = `${base}${n}@demo.trellis.test`;
    seen.add(email);
    people.push({ name: `${given} ${family}`, email });
  }
  return people;
}

/** `trellis seed --demo [--members N]`: a demo organisation with an admin and a few hundred members. */
export async function seedCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { demo: { type: "boolean" }, members: { type: "string", default: "300" } },
  });
  const memberCount = Number(values.members);
  if (!values.demo || !Number.isInteger(memberCount) || memberCount < 0 || memberCount > 100_000) {
    console.error("Usage: trellis seed --demo [--members N]   (N between 0 and 100000, default 300)");
    return 2;
  }
  const handle = await openConfiguredDatabase(loadConfig());
  try {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const created = await inTransaction(handle.db, async (repos) => {
      const existingAdmin = await repos.users.findByEmailWithHash(DEMO_ADMIN_EMAIL);
      if (existingAdmin) return null;
      const orgId: OrgId = await repos.organisations.create(DEMO_ORG);
      const admin = await repos.users.create({
        email: DEMO_ADMIN_EMAIL,
        name: "Dana Admin",
        passwordHash,
        emailVerifiedAt: new Date(),
      });
      await repos.organisations.addMember(orgId, admin!.id, "owner");
      await repos.users.update(admin!.id, { lastOrgId: orgId });
      let added = 0;
      for (const person of demoPeople(memberCount)) {
        const user = await repos.users.create({ ...person, passwordHash, emailVerifiedAt: new Date() });
        if (!user) continue;
        await repos.organisations.addMember(orgId, user.id as UserId, added % 25 === 0 ? "admin" : "member");
        added++;
      }
      return added;
    });
    if (created === null) {
      console.log(`The demo organisation already exists. Sign in as ${DEMO_ADMIN_EMAIL} / ${DEMO_PASSWORD}.`);
    } else {
      console.log(
        `Created "${DEMO_ORG}" with ${created} members. Sign in as ${DEMO_ADMIN_EMAIL} / ${DEMO_PASSWORD}.`,
      );
    }
    return 0;
  } finally {
    await handle.close();
  }
}
