/**
 * The monthly performance score of the back-office rules (seed 003, 绩效考核):
 * 业绩 50% + 工作能力 30% + 工作态度 20%, each part scored 0–100.
 */
export const SCORE_WEIGHTS = { performance: 50, ability: 30, attitude: 20 } as const;

/** Weighted score rounded half up to 2 decimals, computed in integers so 85.55 stays 85.55. */
export function weightedScore(performance: number, ability: number, attitude: number): number {
  const hundredths = (x: number) => Math.round(x * 100);
  const total =
    hundredths(performance) * SCORE_WEIGHTS.performance +
    hundredths(ability) * SCORE_WEIGHTS.ability +
    hundredths(attitude) * SCORE_WEIGHTS.attitude;
  // total is the score in 1/10000: round to 1/100.
  return Math.round(total / 100) / 100;
}
