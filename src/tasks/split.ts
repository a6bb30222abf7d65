/**
 * 按部门拆分 (workflows.md §7): any list — prizes, items, leads, a 不准确清单 — cut into one list
 * per value of a column, each ready to print for the morning meeting with 签收 and 主管确认
 * columns and a count. The column is the list's own (业务归属 …) or, when the list lacks it, the
 * 部门 looked up in the 人力表 by 工号, else by 姓名. Pure and browser-safe.
 */
import type { Cell, Grid } from '../grid';
import { isBlank } from '../grid';
import { cellText } from '../rules/text';

/** The columns every split list gets, for the people on it and their supervisor. */
export const SIGN_COLUMNS = ['签收', '主管确认'] as const;
export const NOT_FILLED = '（未填写）';
export const NOT_ON_ROSTER = '（不在人力表）';

export interface RosterEntry {
  employeeId?: string;
  name?: string;
  dept?: string;
}

export interface SplitGroup {
  value: string;
  rows: Cell[][];
}

export interface SplitResult {
  sheet: string;
  /** The list's header row, as the clerk wrote it (without the sign columns). */
  header: string[];
  groups: SplitGroup[];
  /** How each row found its group: the list's own column, or the roster by 工号 / 姓名. */
  via: 'column' | 'employeeId' | 'name';
}

/** Rows searched for the header. */
const HEADER_ROWS = 20;
const TOTAL_ROW = /^\s*[合总小]\s*计/;
const label = (c: Cell): string => cellText(c).replace(/\s+/g, '');

/**
 * The first list in `grids` that has the `by` column or, given a roster, a 工号 or 姓名 column to
 * look it up by; undefined when none has (the caller says which headers it saw).
 */
export function splitList(
  grids: readonly Grid[],
  by: string,
  roster?: readonly RosterEntry[],
): SplitResult | undefined {
  const want = label(by);
  for (const grid of grids) {
    const rows = grid.rows;
    for (let h = 0; h < Math.min(HEADER_ROWS, rows.length); h++) {
      const header = (rows[h] ?? []).map(label);
      const own = header.indexOf(want);
      const id = header.indexOf('工号');
      const name = header.indexOf('姓名');
      if (own < 0 && !(roster && (id >= 0 || name >= 0))) continue;
      const valueOf = groupOf(own, id, name, roster ?? []);
      const groups = new Map<string, Cell[][]>();
      for (const row of rows.slice(h + 1)) {
        if (!row || row.every(isBlank)) continue;
        if (TOTAL_ROW.test(cellText(row.find((c) => !isBlank(c)) ?? null))) continue;
        const value = valueOf(row);
        const list = groups.get(value) ?? [];
        list.push(row.slice(0, header.length));
        groups.set(value, list);
      }
      const order = roster && own < 0 ? rosterOrder(roster) : [];
      return {
        sheet: grid.sheet,
        header: (rows[h] ?? []).map((c) => cellText(c)),
        groups: [...groups]
          .map(([value, list]) => ({ value, rows: list }))
          .sort((a, b) => rank(a.value, order) - rank(b.value, order)),
        via: own >= 0 ? 'column' : id >= 0 ? 'employeeId' : 'name',
      };
    }
  }
  return undefined;
}

function groupOf(own: number, id: number, name: number, roster: readonly RosterEntry[]): (row: Cell[]) => string {
  if (own >= 0) return (row) => cellText(row[own] ?? null).trim() || NOT_FILLED;
  const byId = new Map(roster.filter((r) => r.employeeId).map((r) => [r.employeeId!, r.dept]));
  const byName = new Map(roster.filter((r) => r.name).map((r) => [r.name!, r.dept]));
  return (row) => {
    const key = id >= 0 ? cellText(row[id] ?? null).trim() : '';
    const who = name >= 0 ? cellText(row[name] ?? null).trim() : '';
    const dept = (key && byId.get(key)) || (who && byName.get(who));
    return dept || NOT_ON_ROSTER;
  };
}

/** Departments in roster order, so the lists come as the morning meeting sits. */
function rosterOrder(roster: readonly RosterEntry[]): string[] {
  return [...new Set(roster.map((r) => r.dept).filter((d): d is string => !!d))];
}

/** Roster order first, then first appearance; the unfilled and the unknown last. */
function rank(value: string, order: readonly string[]): number {
  if (value === NOT_FILLED || value === NOT_ON_ROSTER) return Number.MAX_SAFE_INTEGER;
  const i = order.indexOf(value);
  return i < 0 ? order.length : i;
}
