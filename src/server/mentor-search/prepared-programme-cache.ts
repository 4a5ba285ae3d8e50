import type { UserId } from "../../core/accounts/types.ts";
import {
  type MatchConfig,
  MatchInputError,
  type PreparedProgramme,
  prepareProgramme,
  validateMatchConfig,
} from "../../core/matching/index.ts";
import { createRowScratch, type RowScratch } from "../../core/matching/scoring/row-kernel.ts";
import { referenceWeekFor } from "../../core/bulk-matching/match-run.ts";
import { DEFAULT_MATCH_CONFIG, toMatcherProgramme } from "../../core/programmes/matcher-input.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import type { Database, ParticipantRow } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";

/** A programme's people prepared for the matcher's kernel, with what scoring one row needs. */
export interface PreparedEntry {
  readonly version: string;
  readonly prepared: PreparedProgramme;
  readonly participants: ReadonlyMap<UserId, ParticipantRow>;
  readonly menteeIndex: ReadonlyMap<string, number>;
  readonly mentorIndex: ReadonlyMap<string, number>;
  /** Reused by every call on this entry: scoring is synchronous, so calls never interleave on it. */
  readonly scratch: RowScratch;
  readonly row: Int32Array;
}

/** How many programmes each database keeps prepared (the least recently used is dropped). */
const MAX_PROGRAMMES = 4;

const caches = new WeakMap<Database, Map<string, Promise<PreparedEntry>>>();

/**
 * The programme's match config: its own, or the default criteria when none are set yet (as bulk
 * matching does); a stored config the matcher refuses is a 422 naming it.
 */
export function matchConfigOf(programme: ProgrammeRecord): MatchConfig {
  if (!programme.matchConfig?.criteria?.length) return DEFAULT_MATCH_CONFIG;
  try {
    return validateMatchConfig(programme.matchConfig);
  } catch (error) {
    if (error instanceof MatchInputError)
      throw new AppError("domain_rule", `The programme's match criteria need fixing first: ${error.message}`);
    throw error;
  }
}

/**
 * The programme prepared for scoring, from a per-process cache. Preparing 10,000 mentors takes
 * a good part of a second, so it is done once per version of the programme's people: the version
 * (a fingerprint of enrolments and profiles, see participantsVersion, plus the programme's config
 * and the reference week) is read from the database on EVERY call, so an instance never serves a
 * programme that another instance has changed. Pairs (live and earlier) are not part of it: they
 * change with every accepted request and are applied per call.
 */
export async function preparedProgramme(
  deps: ServerDeps,
  programme: ProgrammeRecord,
): Promise<PreparedEntry> {
  const config = matchConfigOf(programme);
  // The same week bulk matching uses: the programme's first week while ahead, else this week.
  const referenceWeek =
    config.referenceWeek ?? referenceWeekFor(deps.now().toISOString().slice(0, 10), programme.startsOn);
  const people = await deps.repos.mentorSearch.participantsVersion(programme.orgId, programme.id);
  const version = [people, programme.updatedAt.toISOString(), JSON.stringify(config), referenceWeek].join(
    "|",
  );

  let cache = caches.get(deps.db);
  if (!cache) {
    cache = new Map();
    caches.set(deps.db, cache);
  }
  const cached = cache.get(programme.id);
  if (cached) {
    const entry = await cached.catch(() => null);
    if (entry?.version === version) {
      // Most recently used last.
      cache.delete(programme.id);
      cache.set(programme.id, cached);
      return entry;
    }
  }
  const building = build(deps, programme, config, referenceWeek, version);
  cache.delete(programme.id);
  cache.set(programme.id, building);
  while (cache.size > MAX_PROGRAMMES) cache.delete(cache.keys().next().value as string);
  building.catch(() => {
    if (cache.get(programme.id) === building) cache.delete(programme.id);
  });
  return building;
}

async function build(
  deps: ServerDeps,
  programme: ProgrammeRecord,
  config: MatchConfig,
  referenceWeek: string,
  version: string,
): Promise<PreparedEntry> {
  const rows = await deps.repos.participants.listActive(programme.orgId, programme.id);
  const prepared = prepareProgramme(toMatcherProgramme(rows, { existing: [], earlier: [] }), config, {
    referenceWeek,
  });
  return {
    version,
    prepared,
    participants: new Map(rows.map((row) => [row.userId, row])),
    menteeIndex: new Map(prepared.menteeIds.map((id, i) => [id, i])),
    mentorIndex: new Map(prepared.mentorIds.map((id, j) => [id, j])),
    scratch: createRowScratch(prepared),
    row: new Int32Array(prepared.mentorIds.length),
  };
}
