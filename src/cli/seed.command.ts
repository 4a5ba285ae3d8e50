import { parseArgs } from "node:util";
import type { OrgId, UserId } from "../core/accounts/types.ts";
import { type Database, repositories } from "../db/index.ts";
import { loadConfig } from "../server/config.ts";
import { hashPassword } from "../server/security/passwords.ts";
import { openConfiguredDatabase } from "../server/start-server.ts";
import { FAMILY_NAMES, GIVEN_NAMES } from "./demo-names.ts";
import { type DemoPerson, seedDemoProgrammes } from "./demo-programmes.ts";
import { seedDemoSessions } from "./demo-sessions.ts";

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

/** The demo personas: sign in as them to see both sides of a relationship. */
export const DEMO_MENTOR_EMAIL = "mentor@demo.trellis.test";
export const DEMO_MENTEE_EMAIL = "mentee@demo.trellis.test";

export interface DemoSummary {
  /** Every member of the organisation, owner and admins included (what Members shows). */
  members: number;
  admins: number;
  mentors: number;
  mentees: number;
  programmes: number;
  relationships: number;
  requests: number;
  /** Demo sessions: held ones with notes and follow-ups, and upcoming ones. */
  sessions: number;
}

/**
 * The demo organisation: an owner, `memberCount` members (every 25th an admin), 40 mentors and
 * 120 mentees with varied profiles (fewer when there are fewer members) in two programmes, with
 * requests and relationships in every state. Null when it exists already.
 */
export async function seedDemo(
  db: Database,
  memberCount: number,
  now = new Date(),
): Promise<DemoSummary | null> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    const repos = repositories(tx);
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
    const members: DemoPerson[] = [];
    const personas = [
      { name: "Mira Okafor", email: DEMO_MENTOR_EMAIL },
      { name: "Leo Martins", email: DEMO_MENTEE_EMAIL },
    ];
    const people = memberCount >= 2 ? [...personas, ...demoPeople(memberCount - 2)] : demoPeople(memberCount);
    let added = 0;
    for (const person of people) {
      const user = await repos.users.create({ ...person, passwordHash, emailVerifiedAt: new Date() });
      if (!user) continue;
      added++;
      const isAdmin = added % 25 === 0;
      await repos.organisations.addMember(orgId, user.id as UserId, isAdmin ? "admin" : "member");
      await repos.users.update(user.id, { lastOrgId: orgId });
      if (!isAdmin) members.push({ id: user.id as UserId, name: user.name });
    }
    // 1 mentor to 3 mentees, at most 40 and 120. The personas lead the cohort's fourth pair,
    // which the demo leaves "proposed": both still have to confirm the agreement.
    const mentorCount = Math.min(40, Math.floor(members.length / 4));
    const menteeCount = Math.min(120, mentorCount * 3);
    const [mira, leo, ...rest] = members;
    const mentors = rest.slice(0, mentorCount - 1);
    const mentees = rest.slice(mentorCount - 1, mentorCount - 1 + menteeCount - 1);
    if (mentorCount >= 4) {
      mentors.splice(3, 0, mira);
      mentees.splice(3, 0, leo);
    }
    const random = seededRandom(7);
    const seeded =
      mentorCount >= 4
        ? await seedDemoProgrammes(tx, repos, {
            orgId,
            adminId: admin!.id,
            mentors,
            mentees,
            random,
            now,
            personaMentor: mira,
          })
        : { programmes: [], relationships: 0, requests: 0 };
    const sessions = mentorCount >= 4 ? await seedDemoSessions(tx, { orgId, random, now }) : 0;
    return {
      // Everyone Members lists: the owner, the admins and the members.
      members: added + 1,
      admins: added - members.length,
      mentors: mentorCount >= 4 ? mentors.length : 0,
      mentees: mentorCount >= 4 ? mentees.length : 0,
      programmes: seeded.programmes.length,
      relationships: seeded.relationships,
      requests: seeded.requests,
      sessions,
    };
  });
}

/** `trellis seed --demo [--members N]`: the demo organisation, its people and programmes. */
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
    const created = await seedDemo(handle.db, memberCount);
    if (created === null) {
      console.log(`The demo organisation already exists. Sign in as ${DEMO_ADMIN_EMAIL} / ${DEMO_PASSWORD}.`);
    } else {
      console.log(
        [
          `Created "${DEMO_ORG}" with ${created.members} members (1 owner, ${created.admins} admins), ${created.programmes} programmes (${created.mentors} mentors, ${created.mentees} mentees), ${created.relationships} relationships, ${created.requests} requests and ${created.sessions} sessions.`,
          `Sign in as ${DEMO_ADMIN_EMAIL} (owner), ${DEMO_MENTOR_EMAIL} (a mentor) or ${DEMO_MENTEE_EMAIL} (a mentee); password ${DEMO_PASSWORD}.`,
        ].join("\n"),
      );
    }
    return 0;
  } finally {
    await handle.close();
  }
}
