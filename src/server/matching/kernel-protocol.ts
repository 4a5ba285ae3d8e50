import type {
  PreparedProgramme,
  PriceOutRequest,
  PriceOutResult,
  TopKBlock,
} from "../../core/matching/index.ts";

/** Messages to a kernel worker. */
export type KernelRequest =
  | { readonly type: "init"; readonly prepared: PreparedProgramme }
  | {
      readonly type: "topK";
      readonly from: number;
      readonly to: number;
      readonly k: number;
      readonly minScore: number;
    }
  | { readonly type: "priceOut"; readonly request: PriceOutRequest };

/** Messages from a kernel worker. */
export type KernelResponse =
  | { readonly type: "ready" }
  | { readonly type: "progress"; readonly done: number }
  | { readonly type: "topK"; readonly block: TopKBlock }
  | { readonly type: "priceOut"; readonly result: PriceOutResult };
