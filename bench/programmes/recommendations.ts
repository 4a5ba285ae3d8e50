/**
 * Recommendations for one mentee in a programme of 10,000 mentors, on PostgreSQL: p50/p95 of
 * GET .../recommendations (the whole route: session, enrolment, the version check, scoring every
 * mentor with the matcher's kernel, explanations of the top 10, cards, response times), of the
 * "why not mentor X?" route, and what a change to the programme's people costs (the next call
 * prepares the programme again). Creates its own database and drops it at the end.
 *
 *   npx tsx bench/programmes/recommendations.ts      (DATABASE_URL, or postgres://postgres@127.0.0.1:5432)
 *   BENCH_MENTORS=2000 BENCH_MENTEES=1000 npx tsx bench/programmes/recommendations.ts
 */
import pg from "pg";
import type { UserId } from "../../src/core/accounts/types.ts";
import { generateProgramme } from "../../src/core/matching/testing/generate-programme.ts";
import { hashPassword } from "../../src/server/security/passwords.ts";
import {
  benchApp,
  benchDatabase,
  createOrganisation,
  createRunningProgramme,
  describeMachine,
  enrolPeople,
  loadPeople,
  ms,
  PASSWORD,
  percentiles,
  signInCookie,
} from "./mentor-search.ts";

const MENTORS = Number(process.env.BENCH_MENTORS ?? 10_000);
const MENTEES = Number(process.env.BENCH_MENTEES ?? 5_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);

async function main() {
  const began = performance.now();
  const db = await benchDatabase("trellis_bench_recommendations");
  try {
    console.log(await describeMachine(db.url));
    const { app, deps } = await benchApp(db.handle);
    const orgId = await createOrganisation(deps, "Recommendations bench");
    const programmeId = await createRunningProgramme(deps, orgId, "Large cohort");
    const generated = generateProgramme({
      mentees: MENTEES + Math.floor(MENTORS * 0.02),
      mentors: MENTORS,
      seed: 11,
    });
    const ids = await loadPeople(db.url, {
      orgId,
      participants: generated.participants,
      passwordHash: await hashPassword(PASSWORD),
    });
    await enrolPeople(db.url, {
      orgId,
      programmeId,
      people: generated.participants.map((p) => ({
        userId: ids.get(p.id) as string,
        role: p.role,
        capacity: p.role === "mentee" ? 0 : (p.mentorCapacity ?? 1),
      })),
    });
    // Pairs: a tenth of the mentees matched already (capacity taken), and the generator's earlier pairs.
    const mentees = generated.participants.filter((p) => p.role === "mentee");
    const mentors = generated.participants.filter((p) => p.role !== "mentee");
    const live = mentees
      .filter((_, k) => k % 10 === 1)
      .map((p, k) => [ids.get(p.id), ids.get(mentors[(k * 7) % mentors.length].id)]);
    const earlier = (generated.earlierPairs ?? []).map(([e, m]) => [ids.get(e), ids.get(m)]);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    for (const [pairs, status] of [
      [live, "active"],
      [earlier, "completed"],
    ] as const) {
      await client.query(
        `insert into relationships (org_id, programme_id, mentee_id, mentor_id, status, origin)
         select $1, $2, e, m, $5, 'bulk' from unnest($3::uuid[], $4::uuid[]) as t(e, m)
         on conflict do nothing`,
        [orgId, programmeId, pairs.map((p) => p[0]), pairs.map((p) => p[1]), status],
      );
    }
    await client.query("vacuum analyze");

    const mentee = mentees[0];
    const menteeId = ids.get(mentee.id) as UserId;
    const headers = await signInCookie(app, `${mentee.id}@bench.test`);
    console.log(
      `inputs: ${mentors.length.toLocaleString("en")} mentors (capacity 1..10) and ${mentees.length.toLocaleString("en")} mentees ` +
        `in one programme, default criteria (skills, topics, goals text, experience gap, working hours, hard shared language, different department); ` +
        `${live.length} live and ${earlier.length} earlier pairs; top 10; ${RUNS} calls after a cold one ` +
        `(loaded in ${((performance.now() - began) / 1000).toFixed(0)} s)`,
    );

    const url = `/api/orgs/${orgId}/programmes/${programmeId}/recommendations`;
    const get = async (path: string) => {
      const t0 = performance.now();
      const response = await app.inject({ method: "GET", url: path, headers });
      const elapsed = performance.now() - t0;
      if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
      return { elapsed, body: response.json() };
    };

    const cold = await get(url);
    const warm: number[] = [];
    for (let run = 0; run < RUNS; run++) warm.push((await get(url)).elapsed);
    const whyNot: number[] = [];
    for (let run = 0; run < Math.min(RUNS, 50); run++) {
      const mentorId = ids.get(mentors[(run * 37) % mentors.length].id);
      whyNot.push((await get(`${url}/${mentorId}`)).elapsed);
    }
    const version: number[] = [];
    for (let run = 0; run < 30; run++) {
      const t0 = performance.now();
      await deps.repos.mentorSearch.participantsVersion(orgId, programmeId);
      version.push(performance.now() - t0);
    }
    const afterChange: number[] = [];
    for (let run = 0; run < 3; run++) {
      await client.query("update profiles set headline = headline || '.' where user_id = $1", [
        ids.get(mentors[run].id),
      ]);
      afterChange.push((await get(url)).elapsed);
    }
    await client.end();

    const [w, n, v] = [warm, whyNot, version].map(percentiles);
    console.log(
      `cold (first call: loads and prepares the programme): ${ms(cold.elapsed)}; ` +
        `${cold.body.eligibleMentors.toLocaleString("en")} eligible mentors, best score ${cold.body.recommendations[0]?.score}`,
    );
    console.log(`recommendations (warm): p50 ${ms(w.p50)}, p95 ${ms(w.p95)}, max ${ms(w.max)} (n=${w.n})`);
    console.log(`why not mentor X: p50 ${ms(n.p50)}, p95 ${ms(n.p95)} (n=${n.n})`);
    console.log(
      `version check alone (fingerprint of enrolments and profiles): p50 ${ms(v.p50)}, p95 ${ms(v.p95)}`,
    );
    console.log(`first call after a profile changed (prepares again): ${afterChange.map(ms).join(", ")}`);
    console.log(`mentee: ${menteeId}`);
    await app.close();
    await deps.mailer.close();
  } finally {
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
