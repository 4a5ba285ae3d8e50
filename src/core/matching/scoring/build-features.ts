/** Builders of the typed-array features of each criterion kind (see prepared.ts). */
import type { Criterion, GoalsCriterion, MatchConfig } from "./match-config.ts";
import type { LeveledSkill, Participant } from "./participant.ts";
import { categorical, gap, language, normalise, week } from "./build-coded.ts";
import type { Feature, OverlapFeature, SparseFeature, TextFeature } from "./prepared.ts";
import { buildTextVectors, TEXT_UNIT } from "./text-vectors.ts";
import type { WeekSlotter } from "./week-slots.ts";

export interface Sides {
  readonly mentees: readonly Participant[];
  readonly mentors: readonly Participant[];
  readonly mentorIndex: ReadonlyMap<string, number>;
  readonly menteeIndex: ReadonlyMap<string, number>;
  readonly slotter: WeekSlotter;
}

function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return h * 60 + m;
}

function overlap(
  sides: Sides,
  itemsOf: (p: Participant, wanted: boolean) => readonly LeveledSkill[],
): OverlapFeature {
  const ids = new Map<string, number>();
  const idOf = (name: string) => {
    const key = normalise(name);
    if (!ids.has(key)) ids.set(key, ids.size);
    return ids.get(key)!;
  };
  const bestLevels = (items: readonly LeveledSkill[]) => {
    const best = new Map<number, number>();
    for (const { skill, level } of items) {
      const id = idOf(skill);
      best.set(id, Math.max(best.get(id) ?? 0, level));
    }
    return [...best.entries()].sort((a, b) => a[0] - b[0]);
  };
  const menteeStart = new Int32Array(sides.mentees.length + 1);
  const menteeItem: number[] = [];
  const menteeLevel: number[] = [];
  sides.mentees.forEach((p, i) => {
    for (const [id, level] of bestLevels(itemsOf(p, true))) {
      menteeItem.push(id);
      menteeLevel.push(level);
    }
    menteeStart[i + 1] = menteeItem.length;
  });
  const offered = sides.mentors.map((p) => bestLevels(itemsOf(p, false)));
  const postingStart = new Int32Array(ids.size + 1);
  for (const items of offered) for (const [id] of items) postingStart[id + 1]++;
  for (let k = 0; k < ids.size; k++) postingStart[k + 1] += postingStart[k];
  const fill = postingStart.slice(0, ids.size);
  const postingMentor = new Int32Array(postingStart[ids.size]);
  const postingLevel = new Int32Array(postingStart[ids.size]);
  offered.forEach((items, j) => {
    for (const [id, level] of items) {
      postingMentor[fill[id]] = j;
      postingLevel[fill[id]++] = level;
    }
  });
  return {
    type: "overlap",
    menteeStart,
    menteeItem: Int32Array.from(menteeItem),
    menteeLevel: Int32Array.from(menteeLevel),
    postingStart,
    postingMentor,
    postingLevel,
  };
}

function text(criterion: GoalsCriterion, sides: Sides): TextFeature {
  const vectors = buildTextVectors(
    sides.mentees.map((p) => p.goals ?? ""),
    sides.mentors.map((p) => p.experience ?? ""),
  );
  const { start, term, weight } = vectors.mentor;
  const postingStart = new Int32Array(vectors.vocabularySize + 1);
  for (let k = 0; k < term.length; k++) postingStart[term[k] + 1]++;
  for (let t = 0; t < vectors.vocabularySize; t++) postingStart[t + 1] += postingStart[t];
  const fill = postingStart.slice(0, vectors.vocabularySize);
  const postingMentor = new Int32Array(term.length);
  const postingWeight = new Int32Array(term.length);
  for (let j = 0; j < sides.mentors.length; j++) {
    for (let k = start[j]; k < start[j + 1]; k++) {
      postingMentor[fill[term[k]]] = j;
      postingWeight[fill[term[k]]++] = weight[k];
    }
  }
  const unit = TEXT_UNIT * TEXT_UNIT;
  return {
    type: "text",
    mentee: vectors.mentee,
    postingStart,
    postingMentor,
    postingWeight,
    divisor: (unit * (criterion.saturation ?? 0.5)) / 10_000,
    passDot: Math.max(1, Math.ceil(unit * (criterion.minSimilarity ?? 0))),
  };
}

function preferences(sides: Sides): SparseFeature {
  const points = (list: readonly string[], rank: number) =>
    Math.floor((10_000 * (list.length - rank)) / list.length);
  const rows = sides.mentees.map(() => new Map<number, [number, number]>());
  sides.mentees.forEach((p, i) => {
    const list = p.preferences ?? [];
    list.forEach((id, rank) => {
      const j = sides.mentorIndex.get(id);
      if (j !== undefined && !rows[i].has(j)) rows[i].set(j, [points(list, rank), -1]);
    });
  });
  sides.mentors.forEach((p, j) => {
    const list = p.preferences ?? [];
    list.forEach((id, rank) => {
      const i = sides.menteeIndex.get(id);
      if (i === undefined) return;
      const entry = rows[i].get(j) ?? [-1, -1];
      if (entry[1] < 0) rows[i].set(j, [entry[0], points(list, rank)]);
    });
  });
  const start = new Int32Array(rows.length + 1);
  const mentor: number[] = [];
  const value: number[] = [];
  const menteeStates = sides.mentees.map((p) => (p.preferences?.length ?? 0) > 0);
  const mentorStates = sides.mentors.map((p) => (p.preferences?.length ?? 0) > 0);
  rows.forEach((row, i) => {
    for (const [j, [fromMentee, fromMentor]] of [...row.entries()].sort((a, b) => a[0] - b[0])) {
      const sides2 = [
        menteeStates[i] ? Math.max(0, fromMentee) : -1,
        mentorStates[j] ? Math.max(0, fromMentor) : -1,
      ];
      const stated = sides2.filter((v) => v >= 0);
      mentor.push(j);
      value.push(Math.max(1, Math.floor(stated.reduce((a, b) => a + b, 0) / stated.length)));
    }
    start[i + 1] = mentor.length;
  });
  return { type: "sparse", start, mentor: Int32Array.from(mentor), value: Int32Array.from(value) };
}

/**
 * The feature of one criterion over both sides of the programme.
 *
 * Example: buildFeature({ kind: "language", weight: 3 }, sides) gives a MaskFeature with one bit per language.
 */
export function buildFeature(criterion: Criterion, sides: Sides, _config: MatchConfig): Feature {
  switch (criterion.kind) {
    case "same":
    case "different":
      return categorical(criterion, sides);
    case "experienceGap":
      return gap(criterion, sides);
    case "workingHours": {
      const start = criterion.workdayStart ?? "09:00";
      const end = criterion.workdayEnd ?? "17:00";
      const windows = [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));
      const daily = minutesOf(end) - minutesOf(start);
      return week(sides, () => windows, 5 * daily, 5 * 60 * (criterion.minHours ?? 2));
    }
    case "availability":
      return week(
        sides,
        (p) => p.availability ?? [],
        60 * (criterion.targetHours ?? 2),
        60 * (criterion.minHours ?? 1),
      );
    case "language":
      return language(sides);
    case "skills":
      return overlap(sides, (p, wanted) => (wanted ? p.skillsWanted : p.skillsOffered) ?? []);
    case "topics":
      return overlap(sides, (p) => (p.topics ?? []).map((skill) => ({ skill, level: 1 })));
    case "goals":
      return text(criterion, sides);
    case "preferences":
      return preferences(sides);
  }
}
