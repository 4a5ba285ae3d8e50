"""Reference optima with SciPy for a CandidateGraph whose mentees all have capacity <= 1.

Input: a binary file of little-endian int32: n, m, E, then menteeCapacity[n], mentorCapacity[m],
rowStart[n+1], mentor[E], score[E]. Arguments: file, objective (score|participation), P, mode
(sparse|dense). Mentor j is replicated c_j times (one column per place); each mentee also gets its
own dummy column meaning "unmatched", so a full matching of the rows always exists. Costs are
C - score for real pairs (C = 10001 keeps them positive) and C (score objective) or C + P
(participation: an unmatched mentee costs more than any score can repay) for the dummy.
Minimising the total cost therefore maximises the total score (lexicographically after the matched
count under participation). Prints JSON: totalScore, matchedCount, seconds.
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

path, objective, bonus, mode = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
raw = np.fromfile(path, dtype="<i4")
n, m, e = raw[0], raw[1], raw[2]
at = 3
mentee_cap = raw[at:at + n]; at += n
mentor_cap = raw[at:at + m]; at += m
row_start = raw[at:at + n + 1]; at += n + 1
mentor = raw[at:at + e]; at += e
score = raw[at:at + e]
if mentee_cap.max(initial=0) > 1:
    print(json.dumps({"error": "mentee capacity > 1 cannot be replicated exactly"}))
    sys.exit(0)

C = 10001.0
dummy_cost = C + (bonus if objective == "participation" else 0.0)
slot_start = np.concatenate([[0], np.cumsum(mentor_cap)]).astype(np.int64)
places = int(slot_start[-1])
edge_mentee = np.repeat(np.arange(n), np.diff(row_start))
active = mentee_cap[edge_mentee] > 0
reps = mentor_cap[mentor].astype(np.int64) * active
rows = np.repeat(edge_mentee, reps)
offsets = np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
cols = np.repeat(slot_start[mentor], reps) + offsets
costs = C - np.repeat(score, reps).astype(np.float64)
place_mentor = np.repeat(np.arange(m), mentor_cap)
all_rows = np.concatenate([rows, np.arange(n)])
all_cols = np.concatenate([cols, places + np.arange(n)])
all_costs = np.concatenate([costs, np.full(n, dummy_cost)])
shape = (n, places + n)

if mode == "dense":
    matrix = np.full(shape, 1e12)
    matrix[all_rows, all_cols] = all_costs
    start = time.perf_counter()
    r, c = linear_sum_assignment(matrix)
    seconds = time.perf_counter() - start
    col_of_row = np.full(n, -1)
    col_of_row[r] = c
else:
    graph = csr_matrix((all_costs, (all_rows, all_cols)), shape=shape)
    start = time.perf_counter()
    r, c = min_weight_full_bipartite_matching(graph)
    seconds = time.perf_counter() - start
    col_of_row = np.full(n, -1)
    col_of_row[r] = c

total = 0
matched = 0
for i in range(n):
    col = col_of_row[i]
    if col < 0 or col >= places:
        continue
    j = place_mentor[col]
    lo, hi = row_start[i], row_start[i + 1]
    hit = np.nonzero(mentor[lo:hi] == j)[0]
    if len(hit) == 0:
        continue
    total += int(score[lo + hit[0]])
    matched += 1
print(json.dumps({"totalScore": total, "matchedCount": matched, "seconds": seconds}))
