/**
 * Random but structured candidate graphs for benchmarks: mentees and mentors have latent skill
 * vectors, scores come from their cosine similarity plus a popularity boost for a few popular
 * mentors plus noise; each mentee's candidates are its best-scoring mentors among a random sample,
 * so popular mentors are wanted by many. Mentor capacities 1..10 are scaled so that total mentor
 * capacity is `slack` times total mentee capacity (tight when slack is near 1).
 */
import type { CandidateGraph } from "../../src/core/matching/problem.ts";

export interface GraphSpec {
  readonly mentees: number;
  readonly mentors: number;
  readonly candidatesPerMentee: number;
  readonly seed: number;
  /** Total mentor capacity / total mentee capacity. */
  readonly slack?: number;
  /** Fraction of mentees wanting two mentors. */
  readonly doubleMentees?: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIM = 8;

function unitVectors(count: number, rand: () => number): Float64Array {
  const out = new Float64Array(count * DIM);
  for (let k = 0; k < count; k++) {
    let norm = 0;
    for (let d = 0; d < DIM; d++) {
      const x = rand() * 2 - 1 + (d === 0 ? 0.5 : 0);
      out[k * DIM + d] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    for (let d = 0; d < DIM; d++) out[k * DIM + d] /= norm;
  }
  return out;
}

/** Builds a structured CandidateGraph from a spec (deterministic for a seed). */
export function generateGraph(spec: GraphSpec): CandidateGraph {
  const rand = mulberry32(spec.seed);
  const n = spec.mentees;
  const m = spec.mentors;
  const k = Math.min(spec.candidatesPerMentee, m);
  const menteeVec = unitVectors(n, rand);
  const mentorVec = unitVectors(m, rand);
  const popularity = new Float64Array(m);
  for (let j = 0; j < m; j++) popularity[j] = rand() < 0.05 ? 0.5 + rand() * 0.5 : rand() * 0.2;
  const menteeCapacity = new Int32Array(n);
  let menteeTotal = 0;
  for (let i = 0; i < n; i++) {
    menteeCapacity[i] = rand() < (spec.doubleMentees ?? 0.05) ? 2 : 1;
    menteeTotal += menteeCapacity[i];
  }
  const rawCapacity = new Float64Array(m);
  let rawTotal = 0;
  for (let j = 0; j < m; j++) {
    rawCapacity[j] = 1 + Math.floor(rand() * 10);
    rawTotal += rawCapacity[j];
  }
  const scale = ((spec.slack ?? 1.05) * menteeTotal) / rawTotal;
  const mentorCapacity = new Int32Array(m);
  for (let j = 0; j < m; j++)
    mentorCapacity[j] = Math.max(1, Math.min(10, Math.round(rawCapacity[j] * scale)));
  const sampleSize = Math.min(m, Math.max(4 * k, 200));
  const rowStart = new Int32Array(n + 1);
  const mentor = new Int32Array(n * k);
  const score = new Int32Array(n * k);
  const sampleMentor = new Int32Array(sampleSize);
  const sampleScore = new Float64Array(sampleSize);
  const order = new Int32Array(sampleSize);
  const seen = new Int32Array(m).fill(-1);
  for (let i = 0; i < n; i++) {
    let taken = 0;
    while (taken < sampleSize) {
      // Popular mentors are sampled more often, as they are in real programmes.
      const j = rand() < 0.3 ? Math.floor(rand() * rand() * m) : Math.floor(rand() * m);
      if (seen[j] === i) continue;
      seen[j] = i;
      let dot = 0;
      for (let d = 0; d < DIM; d++) dot += menteeVec[i * DIM + d] * mentorVec[j * DIM + d];
      sampleMentor[taken] = j;
      sampleScore[taken] = 4500 + 3500 * dot + 2000 * popularity[j] + 800 * (rand() - 0.5);
      order[taken] = taken;
      taken++;
    }
    const sorted = Array.from(order).sort((a, b) => sampleScore[b] - sampleScore[a]);
    const base = i * k;
    for (let c = 0; c < k; c++) {
      mentor[base + c] = sampleMentor[sorted[c]];
      score[base + c] = Math.max(0, Math.min(10_000, Math.round(sampleScore[sorted[c]])));
    }
    rowStart[i + 1] = base + k;
  }
  return { menteeCount: n, mentorCount: m, menteeCapacity, mentorCapacity, rowStart, mentor, score };
}
