import type { OrgId } from "../../core/accounts/types.ts";
import {
  buildMentorIndex,
  type MentorIndex,
  patchMentorIndex,
} from "../../core/mentor-search/mentor-index.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { ChangeFeed } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";

/** How many programmes an instance keeps indexed (the least recently searched is dropped). */
const MAX_PROGRAMMES = 8;

/** Above this share of the mentors changed, the programme is read again whole. */
const PATCH_LIMIT = 0.2;

interface Entry {
  orgId: string;
  /** The index as of the last search; a patch in flight replaces it with its own promise. */
  index: Promise<MentorIndex>;
  /** People whose rows changed since `index` was read. */
  changed: Set<string>;
}

const caches = new WeakMap<ChangeFeed, Map<string, Entry>>();

function cacheOf(changes: ChangeFeed): Map<string, Entry> {
  let entries = caches.get(changes);
  if (!entries) {
    const kept = new Map<string, Entry>();
    entries = kept;
    caches.set(changes, kept);
    changes.subscribe({
      change({ orgId, programmeId, userId }) {
        for (const [key, entry] of kept) {
          if (entry.orgId !== orgId || (programmeId !== null && key !== programmeId)) continue;
          if (userId === null) kept.delete(key);
          else entry.changed.add(userId);
        }
      },
      reset() {
        kept.clear();
      },
    });
  }
  return entries;
}

/** The entry's index with the changed people's rows read again (or read whole, past PATCH_LIMIT). */
async function patched(
  deps: ServerDeps,
  orgId: OrgId,
  programmeId: ProgrammeId,
  previous: Promise<MentorIndex>,
  changed: Set<string>,
): Promise<MentorIndex> {
  const index = await previous;
  if (changed.size > Math.max(100, index.size * PATCH_LIMIT))
    return buildMentorIndex(await deps.repos.mentorSearch.indexRows(orgId, programmeId));
  const fresh = await deps.repos.mentorSearch.indexRows(orgId, programmeId, [...changed]);
  return patchMentorIndex(index, changed, fresh);
}

/**
 * The programme's mentor index, kept per instance and brought up to date from the change feed:
 * a write to a profile of the organisation or to the programme's enrolments or relationships,
 * from this instance or any other, names the person, and the next search reads just their rows
 * again. Every call first syncs with the feed (one round trip), so a search sees every write
 * committed before it began. Null when the feed is down: nothing kept can be trusted then, and
 * the caller searches the database directly.
 *
 * Searches that overlap share one read: a patch replaces the entry's promise, so a search that
 * starts during it waits for it. Changes heard while a read is in flight stay in the entry's set
 * for the next search (the read may or may not have seen them; reading them again is harmless).
 */
export async function mentorIndex(
  deps: ServerDeps,
  orgId: OrgId,
  programmeId: ProgrammeId,
): Promise<MentorIndex | null> {
  const entries = cacheOf(deps.changes);
  if (!(await deps.changes.sync())) {
    entries.clear();
    return null;
  }
  let entry = entries.get(programmeId);
  if (entry && entry.orgId !== orgId) entry = undefined;
  if (entry) {
    // Most recently used last.
    entries.delete(programmeId);
    entries.set(programmeId, entry);
    if (entry.changed.size > 0) {
      const changed = entry.changed;
      entry.changed = new Set();
      entry.index = patched(deps, orgId, programmeId, entry.index, changed);
    }
  } else {
    entry = {
      orgId,
      index: deps.repos.mentorSearch.indexRows(orgId, programmeId).then(buildMentorIndex),
      changed: new Set(),
    };
    entries.set(programmeId, entry);
    while (entries.size > MAX_PROGRAMMES) entries.delete(entries.keys().next().value as string);
  }
  const { index } = entry;
  const current = entry;
  index.catch(() => {
    // A failed read is not kept: the next search starts again.
    if (entries.get(programmeId) === current && current.index === index) entries.delete(programmeId);
  });
  return index;
}
