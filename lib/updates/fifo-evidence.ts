// Whether an admission order is first-come first-served or a lottery: the statistics the tests and the bench report.

/**
 * The hypothesis the room must refute: "early arrivals are let in in arrival order", allowing for
 * clock jitter between servers that swaps a neighbouring pair up to one time in four. Under it, each
 * step of the admission order goes to a later arrival with probability at least 3/4.
 */
const FIFO_STEP_UP = 3 / 4;

export type FifoEvidence = {
  entrants: number;
  /** Steps of the admission order that went to a later arrival (n-1 of them under FIFO). */
  ascents: number;
  /** P(this few ascents | FIFO with jitter): a one-sided binomial tail. Tiny means "not FIFO". */
  pFifo: number;
  /** Kendall's tau between arrival and admission order: 1 for FIFO, about 0 for a fair lottery. */
  kendallTau: number;
  /** Two-sided P(a tau this far from 0 | admission independent of arrival). Tiny means "not a fair lottery". */
  pIndependent: number;
};

/**
 * `arrivalRanks` lists the entrants in admission order, each by its rank in arrival order (any
 * distinct numbers that sort as arrival does). Exact for the binomial tail; the normal approximation
 * of Kendall's tau is accurate from a few dozen entrants on.
 */
export function fifoEvidence(arrivalRanks: readonly number[]): FifoEvidence {
  const n = arrivalRanks.length;
  let ascents = 0;
  for (let i = 1; i < n; i += 1) if (arrivalRanks[i]! > arrivalRanks[i - 1]!) ascents += 1;
  const tau = kendallTau(arrivalRanks);
  const variance = n < 2 ? 1 : (2 * (2 * n + 5)) / (9 * n * (n - 1));
  return {
    entrants: n,
    ascents,
    pFifo: n < 2 ? 1 : binomialLowerTail(n - 1, FIFO_STEP_UP, ascents),
    kendallTau: tau,
    pIndependent: n < 2 ? 1 : erfc(Math.abs(tau) / Math.sqrt(2 * variance)),
  };
}

function kendallTau(ranks: readonly number[]): number {
  const n = ranks.length;
  if (n < 2) return 0;
  let score = 0;
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 1; j < n; j += 1) score += Math.sign(ranks[j]! - ranks[i]!);
  }
  return score / ((n * (n - 1)) / 2);
}

/** P(X ≤ k) for X ~ Binomial(m, p), summed in log space so tails of 1e-30 stay exact. */
function binomialLowerTail(m: number, p: number, k: number): number {
  const logRatio = Math.log(p / (1 - p));
  let logTerm = m * Math.log(1 - p);
  const logTerms = [logTerm];
  for (let i = 0; i < k; i += 1) {
    logTerm += Math.log((m - i) / (i + 1)) + logRatio;
    logTerms.push(logTerm);
  }
  const largest = Math.max(...logTerms);
  return Math.min(1, Math.exp(largest) * logTerms.reduce((sum, term) => sum + Math.exp(term - largest), 0));
}

/** The complementary error function, Chebyshev fit with fractional error below 1.2e-7 everywhere. */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(poly);
  return x >= 0 ? value : 2 - value;
}
