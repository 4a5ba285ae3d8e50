import type {
  MatchConfig,
  MatchObjective,
  MatchPhase,
  MatchResult,
  Programme,
} from "../../core/matching/index.ts";

/** What a matching run needs; plain data so it can be posted to the run worker. */
export interface RunMatchingInput {
  readonly programme: Programme;
  readonly config: MatchConfig;
  readonly objective: MatchObjective;
  readonly minScore?: number;
  /** Monday (YYYY-MM-DD) of the reference week for time-zone overlaps. */
  readonly referenceWeek: string;
  readonly explain?: boolean;
  /** Scoring threads (default 2). */
  readonly threads?: number;
  /** Stop pricing/solving after this long and return the best matching with a stated gap. */
  readonly timeBudgetMs?: number;
}

export interface MatchProgress {
  readonly phase: MatchPhase | "preparing";
  /** 0..100 within the phase. */
  readonly percent: number;
}

export type RunMessage =
  | ({ readonly type: "progress" } & MatchProgress)
  | { readonly type: "done"; readonly result: MatchResult; readonly seconds: Record<string, number> }
  | { readonly type: "error"; readonly name: string; readonly message: string; readonly path?: string };
