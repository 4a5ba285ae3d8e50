/**
 * A programme's active mentors held in memory for faceted search (see mentor-index-search.ts):
 * every facet value coded as an integer, multi-valued facets (languages, skills) as flat arrays
 * with row offsets, rows in the order of a search without words. Built once from the database,
 * then patched person by person as the change feed reports writes.
 */

/** One active mentor as loaded from the database. */
export interface MentorIndexRow {
  userId: string;
  department: string;
  location: string;
  languages: readonly string[];
  /** Names of the offered skills, as written. */
  skills: readonly string[];
  /** The "work" section is for admins only. */
  hideWork: boolean;
  /** The "skills" section is for admins only. */
  hideSkills: boolean;
  capacity: number;
  /** Capacity less live (proposed, active, paused) relationships; may be below 0. */
  remaining: number;
}

/** Values of one facet, coded: `names[code]`; a row's code is -1 when blank. */
interface Dictionary {
  readonly names: string[];
  readonly codes: Map<string, number>;
}

/**
 * What an index shares with the indexes patched from it, only ever added to (a code, once given,
 * keeps its meaning): the facet values, skill spellings, and a number per person.
 */
interface Tables {
  readonly departments: Dictionary;
  readonly locations: Dictionary;
  readonly languages: Dictionary;
  readonly skills: Dictionary;
  /** A skill as written -> its key's code (-1 when blank). */
  readonly codeOfSpelling: Map<string, number>;
  readonly personOf: Map<string, number>;
}

/**
 * Rows are stored in the order of a search without words (most room left first, then user id),
 * so that the common scan reads every array front to back, and a row's number is its tie-break
 * under equal relevance.
 */
export interface MentorIndex {
  readonly size: number;
  /** What it was built from, in row order (a patch rebuilds from these). */
  readonly rows: readonly MentorIndexRow[];
  readonly userIds: readonly string[];
  /** Row of a user id. */
  readonly rowOf: { get(userId: string): number | undefined };
  /** The person number (see Tables) of each row. */
  readonly personOfRow: Int32Array;
  readonly capacity: Int32Array;
  readonly remaining: Int32Array;
  readonly hideWork: Uint8Array;
  readonly hideSkills: Uint8Array;
  readonly department: Int32Array;
  readonly location: Int32Array;
  /** Row r's languages are languageCodes[languageStart[r] .. languageStart[r + 1]). */
  readonly languageStart: Uint32Array;
  readonly languageCodes: Int32Array;
  /** Row r's skills (distinct keys) are skillCodes[skillStart[r] .. skillStart[r + 1]). */
  readonly skillStart: Uint32Array;
  readonly skillCodes: Int32Array;
  readonly departments: readonly string[];
  readonly departmentOf: ReadonlyMap<string, number>;
  readonly locations: readonly string[];
  readonly locationOf: ReadonlyMap<string, number>;
  readonly languages: readonly string[];
  readonly languageOf: ReadonlyMap<string, number>;
  /** Skill keys: trimmed, lower case. */
  readonly skillKeys: readonly string[];
  readonly skillKeyOf: ReadonlyMap<string, number>;
  /** How most mentors write each skill key. */
  readonly skillNames: readonly string[];
  readonly tables: Tables;
  /** Votes on how skills are named: spelling -> mentors (see vote). */
  readonly votes: ReadonlyMap<string, number>;
}

/** A skill's key: how two spellings of one skill compare equal. */
export const skillKey = (name: string) => name.trim().toLowerCase();

function dictionary(): Dictionary {
  return { names: [], codes: new Map() };
}

function codeOf(dict: Dictionary, value: string): number {
  let code = dict.codes.get(value);
  if (code === undefined) {
    code = dict.names.length;
    dict.names.push(value);
    dict.codes.set(value, code);
  }
  return code;
}

const byRoomThenId = (a: MentorIndexRow, b: MentorIndexRow) =>
  b.remaining - a.remaining || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);

/** A row with its values coded. */
interface CodedRow {
  row: MentorIndexRow;
  department: number;
  location: number;
  languages: number[];
  skills: number[];
  /** How the row writes each of `skills`. */
  spellings: string[];
}

function codeRow(tables: Tables, row: MentorIndexRow): CodedRow {
  const languages: number[] = [];
  for (const language of row.languages) {
    if (language === "") continue;
    const code = codeOf(tables.languages, language);
    if (!languages.includes(code)) languages.push(code);
  }
  const skills: number[] = [];
  const spellings: string[] = [];
  for (const name of row.skills) {
    let code = tables.codeOfSpelling.get(name);
    if (code === undefined) {
      const key = skillKey(name);
      code = key === "" ? -1 : codeOf(tables.skills, key);
      tables.codeOfSpelling.set(name, code);
    }
    if (code >= 0 && !skills.includes(code)) {
      skills.push(code);
      spellings.push(name);
    }
  }
  return {
    row,
    department: row.department === "" ? -1 : codeOf(tables.departments, row.department),
    location: row.location === "" ? -1 : codeOf(tables.locations, row.location),
    languages,
    skills,
    spellings,
  };
}

/**
 * Adds (`sign` 1) or takes back (-1) a row's votes on how its skills are named (`spellings`: the
 * first way the row writes each skill). Mentors who hide their skills only name a skill nobody
 * else shows (so that how they write it shows nothing about them): their votes count a millionth.
 */
function vote(
  votes: Map<string, number>,
  row: MentorIndexRow,
  spellings: readonly string[],
  sign: 1 | -1,
): void {
  const weight = sign * (row.hideSkills ? 1e-6 : 1);
  for (const name of spellings) {
    const count = (votes.get(name) ?? 0) + weight;
    if (count > 1e-9) votes.set(name, count);
    else votes.delete(name);
  }
}

/** Each skill key named as most of its votes write it (the key itself when nobody has it now). */
function nameSkills(tables: Tables, votes: ReadonlyMap<string, number>): string[] {
  const best = tables.skills.names.map(() => ({ name: "", votes: 0 }));
  const spelled = new Map<string, number>();
  for (const [name, count] of votes) {
    const written = name.trim();
    spelled.set(written, (spelled.get(written) ?? 0) + count);
  }
  for (const [written, count] of spelled) {
    const code = tables.skills.codes.get(written.toLowerCase()) as number;
    const current = best[code];
    if (count > current.votes || (count === current.votes && written < current.name))
      Object.assign(current, { name: written, votes: count });
  }
  return best.map((choice, code) => choice.name || tables.skills.names[code]);
}

function emptyIndex(): MentorIndex {
  const tables: Tables = {
    departments: dictionary(),
    locations: dictionary(),
    languages: dictionary(),
    skills: dictionary(),
    codeOfSpelling: new Map(),
    personOf: new Map(),
  };
  return assemble(tables, new Map(), {
    rows: [],
    userIds: [],
    personOfRow: new Int32Array(0),
    capacity: new Int32Array(0),
    remaining: new Int32Array(0),
    hideWork: new Uint8Array(0),
    hideSkills: new Uint8Array(0),
    department: new Int32Array(0),
    location: new Int32Array(0),
    languageStart: new Uint32Array(1),
    languageCodes: new Int32Array(0),
    skillStart: new Uint32Array(1),
    skillCodes: new Int32Array(0),
  });
}

type Columns = { rows: MentorIndexRow[]; userIds: string[] } & Pick<
  MentorIndex,
  | "capacity"
  | "remaining"
  | "hideWork"
  | "hideSkills"
  | "department"
  | "location"
  | "languageStart"
  | "languageCodes"
  | "skillStart"
  | "skillCodes"
> & { personOfRow: Int32Array };

function assemble(tables: Tables, votes: Map<string, number>, columns: Columns): MentorIndex {
  const rowOfPerson = new Int32Array(tables.personOf.size).fill(-1);
  for (let r = 0; r < columns.rows.length; r++) rowOfPerson[columns.personOfRow[r]] = r;
  return {
    ...columns,
    size: columns.rows.length,
    rowOf: {
      get(userId: string) {
        const person = tables.personOf.get(userId);
        const row = person === undefined || person >= rowOfPerson.length ? -1 : rowOfPerson[person];
        return row < 0 ? undefined : row;
      },
    },
    departments: tables.departments.names,
    departmentOf: tables.departments.codes,
    locations: tables.locations.names,
    locationOf: tables.locations.codes,
    languages: tables.languages.names,
    languageOf: tables.languages.codes,
    skillKeys: tables.skills.names,
    skillKeyOf: tables.skills.codes,
    skillNames: nameSkills(tables, votes),
    tables,
    votes,
  };
}

/** The index of a programme's mentors (rows in any order; user ids distinct). */
export function buildMentorIndex(rows: readonly MentorIndexRow[]): MentorIndex {
  return patchMentorIndex(emptyIndex(), new Set(), rows);
}

/**
 * The index with some people's rows replaced: `changed` names them, `fresh` holds the rows they
 * have now (someone changed and absent from `fresh` is no longer an active mentor). Unchanged
 * rows are copied as they are coded, so a patch costs a pass over the arrays, not a rebuild.
 * The index patched stays as it was.
 */
export function patchMentorIndex(
  index: MentorIndex,
  changed: ReadonlySet<string>,
  fresh: readonly MentorIndexRow[],
): MentorIndex {
  const { tables } = index;
  const votes = new Map(index.votes);
  const removed = new Uint8Array(index.size);
  let removedCount = 0;
  let languagesLeft = index.languageCodes.length;
  let skillsLeft = index.skillCodes.length;
  for (const userId of [...changed, ...fresh.map((row) => row.userId)]) {
    const r = index.rowOf.get(userId);
    if (r === undefined || removed[r] === 1) continue;
    removed[r] = 1;
    removedCount++;
    languagesLeft -= index.languageStart[r + 1] - index.languageStart[r];
    skillsLeft -= index.skillStart[r + 1] - index.skillStart[r];
    const spellings: string[] = [];
    for (let k = index.skillStart[r]; k < index.skillStart[r + 1]; k++) {
      const code = index.skillCodes[k];
      spellings.push(index.rows[r].skills.find((name) => tables.codeOfSpelling.get(name) === code) as string);
    }
    vote(votes, index.rows[r], spellings, -1);
  }
  // Someone who is not a mentor here changed (a mentee's profile, say): nothing to patch.
  if (removedCount === 0 && fresh.length === 0) return index;
  const added = [...fresh].sort(byRoomThenId).map((row) => codeRow(tables, row));
  for (const { row, spellings } of added) vote(votes, row, spellings, 1);

  const n = index.size - removedCount + added.length;
  const languageTotal = languagesLeft + added.reduce((sum, row) => sum + row.languages.length, 0);
  const skillTotal = skillsLeft + added.reduce((sum, row) => sum + row.skills.length, 0);
  // Filled by push: `new Array(n)` this large is a slow (dictionary) array in V8.
  const next: Columns = {
    rows: [],
    userIds: [],
    personOfRow: new Int32Array(n),
    capacity: new Int32Array(n),
    remaining: new Int32Array(n),
    hideWork: new Uint8Array(n),
    hideSkills: new Uint8Array(n),
    department: new Int32Array(n),
    location: new Int32Array(n),
    languageStart: new Uint32Array(n + 1),
    languageCodes: new Int32Array(languageTotal),
    skillStart: new Uint32Array(n + 1),
    skillCodes: new Int32Array(skillTotal),
  };
  const { languageStart, languageCodes, skillStart, skillCodes } = next;
  // The index patched, its arrays as locals (the loop below runs once per mentor).
  const wasSize = index.size;
  const wasRows = index.rows;
  const wasUserIds = index.userIds;
  const wasPersonOfRow = index.personOfRow;
  const wasCapacity = index.capacity;
  const wasRemaining = index.remaining;
  const wasHideWork = index.hideWork;
  const wasHideSkills = index.hideSkills;
  const wasDepartment = index.department;
  const wasLocation = index.location;
  const wasLanguageStart = index.languageStart;
  const wasLanguageCodes = index.languageCodes;
  const wasSkillStart = index.skillStart;
  const wasSkillCodes = index.skillCodes;
  const { rows, userIds, personOfRow, capacity, remaining, hideWork, hideSkills, department, location } =
    next;
  // Merge the kept rows (in order already) with the added ones (sorted above).
  let old = 0;
  let fromAdded = 0;
  let languageAt = 0;
  let skillAt = 0;
  for (let r = 0; r < n; r++) {
    while (old < wasSize && removed[old] === 1) old++;
    const candidate = added[fromAdded];
    const takeOld =
      old < wasSize &&
      (candidate === undefined ||
        wasRemaining[old] > candidate.row.remaining ||
        (wasRemaining[old] === candidate.row.remaining && wasUserIds[old] < candidate.row.userId));
    languageStart[r] = languageAt;
    skillStart[r] = skillAt;
    if (takeOld) {
      rows.push(wasRows[old]);
      userIds.push(wasUserIds[old]);
      personOfRow[r] = wasPersonOfRow[old];
      capacity[r] = wasCapacity[old];
      remaining[r] = wasRemaining[old];
      hideWork[r] = wasHideWork[old];
      hideSkills[r] = wasHideSkills[old];
      department[r] = wasDepartment[old];
      location[r] = wasLocation[old];
      for (let k = wasLanguageStart[old]; k < wasLanguageStart[old + 1]; k++)
        languageCodes[languageAt++] = wasLanguageCodes[k];
      for (let k = wasSkillStart[old]; k < wasSkillStart[old + 1]; k++)
        skillCodes[skillAt++] = wasSkillCodes[k];
      old++;
    } else {
      const { row, department: dept, location: loc, languages, skills } = candidate;
      let person = tables.personOf.get(row.userId);
      if (person === undefined) {
        person = tables.personOf.size;
        tables.personOf.set(row.userId, person);
      }
      rows.push(row);
      userIds.push(row.userId);
      personOfRow[r] = person;
      capacity[r] = row.capacity;
      remaining[r] = row.remaining;
      hideWork[r] = row.hideWork ? 1 : 0;
      hideSkills[r] = row.hideSkills ? 1 : 0;
      department[r] = dept;
      location[r] = loc;
      for (const code of languages) languageCodes[languageAt++] = code;
      for (const code of skills) skillCodes[skillAt++] = code;
      fromAdded++;
    }
  }
  languageStart[n] = languageAt;
  skillStart[n] = skillAt;
  return assemble(tables, votes, next);
}
