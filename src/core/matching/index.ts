/**
 * The public entry of Trellis's matcher: exact, explainable, certified matching of mentees to
 * mentors. See docs/matching.md for the model, the algorithm and how to read a certificate.
 */
export type { CertifiedSolution, KernelPort, MatchPhase } from "./candidates/certify.ts";
export { certifiedSolve, inProcessKernel } from "./candidates/certify.ts";
export { addPairs, graphFromTopK } from "./candidates/candidate-graph.ts";
export { exclusionCounts, unmatchedReason } from "./candidates/diagnose.ts";
export { greedyMatching } from "./candidates/greedy.ts";
export { type MatchProgrammeOptions, matchPrepared, matchProgramme } from "./candidates/match-programme.ts";
export type { MatchedPair, MatchResult } from "./candidates/match-result.ts";
export { type PriceOutRequest, type PriceOutResult, priceOutMentees } from "./candidates/price-out.ts";
export { type PairsInput, parsePairsInput, solvePairs } from "./candidates/solve-pairs.ts";
export { type TopKBlock, topKForMentees } from "./candidates/top-k.ts";
export type { CandidateGraph, MatchObjective } from "./problem.ts";
export {
  type CriterionContribution,
  explainPair,
  formatExplanation,
  type PairExplanation,
} from "./scoring/explain-pair.ts";
export type { Criterion, CriterionKind, MatchConfig } from "./scoring/match-config.ts";
export { CRITERION_KINDS, criterionLabel } from "./scoring/match-config.ts";
export { parseParticipantsCsv, parseParticipantsJson } from "./scoring/parse-participants.ts";
export type { IdPair, LeveledSkill, Participant, Programme, WeeklyWindow } from "./scoring/participant.ts";
export { type PrepareOptions, prepareProgramme } from "./scoring/prepare-programme.ts";
export type { PreparedProgramme } from "./scoring/prepared.ts";
export { EXCLUDED, rawToScore, scoreMenteeRow } from "./scoring/row-kernel.ts";
export { MatchInputError, validateMatchConfig } from "./scoring/validate-config.ts";
