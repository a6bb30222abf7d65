/**
 * 随机等额分配 (ledgers.md §1 step 6): each 发放日期's leads are shuffled with a seeded PRNG and
 * dealt out so that, that day AND over the whole run, specialists' counts differ by at most 1.
 *
 * The PRNG is part of the output contract (same input + seed → the same CRM rows, on any
 * machine, in any later version), so it lives here rather than being shared with the demo
 * data generator, which may change freely.
 */

/** mulberry32: 32-bit state, full period 2^32, plain integer maths (identical in every JS engine). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The stream for one day: the run's seed mixed with the day (murmur3's finaliser), so one
 * day's deal does not depend on how many leads other days had.
 */
export function dayStream(seed: number, day: number): () => number {
  let h = (seed ^ Math.imul(day, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return mulberry32((h ^ (h >>> 16)) >>> 0);
}

/** Fisher–Yates in place. */
export function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = xs[i];
    xs[i] = xs[j];
    xs[j] = t;
  }
  return xs;
}

export interface Deal {
  /** Specialist index per lead (same order as the input). */
  assignee: number[];
  /** Per day (ascending), leads per specialist. */
  byDay: { day: number; counts: number[] }[];
  /** Leads per specialist over the whole run. */
  totals: number[];
}

/**
 * Deals `days[i]` (a day number per lead) among `specialists` specialists.
 *
 * Days are dealt in ascending order. On a day with n = q·k + r leads every specialist gets q,
 * and the r extra leads go to the specialists with the lowest running totals (ties in a
 * seeded order). Totals that differed by at most 1 before the day still do after it, so
 * both the per-day and the overall balance hold. The day's leads, taken in input order, are
 * shuffled and dealt round-robin in that specialist order.
 */
export function deal(days: readonly number[], specialists: number, seed: number): Deal {
  const assignee = new Array<number>(days.length).fill(-1);
  const totals = new Array<number>(specialists).fill(0);
  const byDay: Deal['byDay'] = [];
  if (specialists === 0) return { assignee, byDay, totals };

  const leadsOfDay = new Map<number, number[]>();
  days.forEach((day, i) => {
    const list = leadsOfDay.get(day);
    if (list) list.push(i);
    else leadsOfDay.set(day, [i]);
  });

  for (const day of [...leadsOfDay.keys()].sort((a, b) => a - b)) {
    const rand = dayStream(seed, day);
    const order = shuffle(
      Array.from({ length: specialists }, (_, s) => s),
      rand,
    );
    // Array.prototype.sort is stable: equal totals keep the shuffled order.
    order.sort((a, b) => totals[a] - totals[b]);
    const leads = shuffle(leadsOfDay.get(day)!.slice(), rand);
    const counts = new Array<number>(specialists).fill(0);
    leads.forEach((lead, i) => {
      const s = order[i % specialists];
      assignee[lead] = s;
      counts[s]++;
    });
    counts.forEach((c, s) => (totals[s] += c));
    byDay.push({ day, counts });
  }
  return { assignee, byDay, totals };
}
