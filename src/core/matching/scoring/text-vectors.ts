/**
 * TF-IDF vectors for "goals of the mentee ~ experience of the mentor", implemented here (no model).
 * Weights are quantised to integers (unit vector * 1000) so that a similarity is an exact integer
 * dot product, the same in the kernel and in an explanation.
 */

const STOPWORDS = new Set(
  (
    "a an and are as at be been but by can do for from get have how i in into is it its me more my " +
    "of on or our so some than that the their them then there these they this to up us want was we " +
    "were what when which who will with would you your want like learn become better also about"
  ).split(" "),
);

/** Quantised weight of a unit vector component: 1000 = the whole vector. */
export const TEXT_UNIT = 1000;

/**
 * Lower-case word tokens of `text`, without stop words, with a light plural stem.
 *
 * Example: tokenize("Leading teams and Kubernetes clusters") → ["leading", "team", "kubernete", "cluster"]
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}+#]+/gu)) {
    let token = match[0];
    if (token.length < 2 || STOPWORDS.has(token)) continue;
    if (token.length > 3 && token.endsWith("s") && !token.endsWith("ss")) token = token.slice(0, -1);
    tokens.push(token);
  }
  return tokens;
}

/** Sparse integer vectors in CSR form: the terms of document d are start[d] .. start[d+1]-1. */
export interface SparseVectors {
  readonly start: Int32Array;
  readonly term: Int32Array;
  readonly weight: Int32Array;
}

/**
 * Builds TF-IDF vectors: idf from the mentor documents (the corpus searched), tf = 1 + ln(count),
 * each vector L2-normalised and quantised to integers summing in square to about TEXT_UNIT².
 * Mentee terms unknown to every mentor are dropped (they cannot match anyone).
 *
 * Example: with mentors ["kubernetes platform", "sales leadership"], the mentee text
 * "grow into kubernetes" gets one term, kubernetes, of weight 1000.
 */
export function buildTextVectors(
  menteeTexts: readonly string[],
  mentorTexts: readonly string[],
): { mentee: SparseVectors; mentor: SparseVectors; vocabularySize: number } {
  const vocabulary = new Map<string, number>();
  const mentorTokens = mentorTexts.map(tokenize);
  const documentFrequency: number[] = [];
  for (const tokens of mentorTokens) {
    for (const token of new Set(tokens)) {
      let id = vocabulary.get(token);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(token, id);
        documentFrequency.push(0);
      }
      documentFrequency[id]++;
    }
  }
  const idf = documentFrequency.map((df) => Math.log((1 + mentorTexts.length) / (1 + df)) + 1);
  const vectorise = (texts: readonly (readonly string[])[]): SparseVectors => {
    const start = new Int32Array(texts.length + 1);
    const terms: number[] = [];
    const weights: number[] = [];
    texts.forEach((tokens, index) => {
      const counts = new Map<number, number>();
      for (const token of tokens) {
        const id = vocabulary.get(token);
        if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      const ids = [...counts.keys()].sort((a, b) => a - b);
      const raw = ids.map((id) => (1 + Math.log(counts.get(id)!)) * idf[id]);
      const norm = Math.sqrt(raw.reduce((sum, w) => sum + w * w, 0)) || 1;
      ids.forEach((id, k) => {
        const q = Math.round((raw[k] / norm) * TEXT_UNIT);
        if (q > 0) {
          terms.push(id);
          weights.push(q);
        }
      });
      start[index + 1] = terms.length;
    });
    return { start, term: Int32Array.from(terms), weight: Int32Array.from(weights) };
  };
  return {
    mentor: vectorise(mentorTokens),
    mentee: vectorise(menteeTexts.map(tokenize)),
    vocabularySize: vocabulary.size,
  };
}
