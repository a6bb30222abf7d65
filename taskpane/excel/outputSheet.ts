/**
 * Output sheets (问题清单, 统计-总览, CRM导入 …) are replaced on every run — but only sheets
 * insdesk wrote itself. Each one carries a worksheet custom property (ExcelApi 1.12) naming
 * the command and the output it holds; a sheet without it belongs to the user and is never
 * deleted or written: the output then goes to `<name> (2)`, `<name> (3)`, …
 *
 * Outputs of one command form a group: a re-run replaces the group's sheets in place (same
 * tab position) and deletes the ones this run no longer produces (yesterday's 脱保-某渠道
 * list when nobody of that channel lapsed today), so no stale list is left to mislead.
 */

/** Custom-property key that marks a sheet as insdesk output. */
export const OUTPUT_MARK = 'insdesk.output';

const MAX_SHEET_NAME = 31;

/** `name`, or `name (k)` shortened so it still fits Excel's 31 characters. */
export function candidateName(name: string, k: number): string {
  if (k === 1) return name.slice(0, MAX_SHEET_NAME);
  const suffix = ` (${k})`;
  return name.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
}

/** The mark of output `name` of command `group`. */
export const markOf = (group: string, name: string): string => `${group}:${name}`;

/** The command that wrote a sheet, from its mark (a mark without one: a single-output sheet). */
export const groupOf = (mark: string): string => (mark.includes(':') ? mark.slice(0, mark.indexOf(':')) : mark);

export interface OutputSheet {
  sheet: Excel.Worksheet;
  /** The name it gets (`name` unless a user's sheet has that name). */
  name: string;
}

export interface ExistingSheet {
  name: string;
  /** 0-based tab position. */
  position: number;
  /** Its insdesk mark, if any. */
  output?: string;
  worksheet: Excel.Worksheet;
}

export interface OutputPlan {
  /** Per wanted name: the name it gets and the sheet of ours it replaces, if any. */
  outputs: { name: string; replaces?: ExistingSheet }[];
  /** Our sheets of the group this run does not produce again. */
  stale: ExistingSheet[];
}

function checkName(name: string): void {
  if (!name || /[\\/?*[\]:]/.test(name) || name.startsWith("'") || name.endsWith("'"))
    throw new Error(`工作表名称不合法: ${name}`);
}

/**
 * Where the outputs go: for each wanted name the lowest `name (k)` that is free or holds
 * this group's earlier output of that name. Pure, so it costs no round trip.
 */
export function planOutputs(existing: readonly ExistingSheet[], group: string, names: readonly string[]): OutputPlan {
  names.forEach(checkName);
  const byName = new Map(existing.map((s) => [s.name.toLowerCase(), s]));
  const claimed = new Set<string>();
  const outputs = names.map((wanted) => {
    for (let k = 1; ; k++) {
      const name = candidateName(wanted, k);
      const key = name.toLowerCase();
      if (claimed.has(key)) continue;
      const sheet = byName.get(key);
      if (sheet && sheet.output !== markOf(group, wanted)) continue;
      claimed.add(key);
      return sheet ? { name, replaces: sheet } : { name };
    }
  });
  const reused = new Set(outputs.map((o) => o.replaces));
  const stale = existing.filter((s) => s.output !== undefined && groupOf(s.output) === group && !reused.has(s));
  return { outputs, stale };
}

/**
 * Queues the output sheets of a run (no round trip): `make(i)` creates the i-th new sheet —
 * by default an empty one, the upgrade passes a copy of a ledger sheet. New sheets are
 * created before old ones are deleted (a workbook cannot lose its last sheet), a replaced
 * sheet's successor takes its tab position, and every one is marked as this group's output.
 */
export function queueOutputs(
  context: Excel.RequestContext,
  existing: readonly ExistingSheet[],
  group: string,
  names: readonly string[],
  /** Output `i` as a copy of this sheet instead of a new empty one. */
  copyOf: (i: number) => Excel.Worksheet | undefined = () => undefined,
): OutputSheet[] {
  const make = (i: number, temporaryName: string): Excel.Worksheet => {
    const source = copyOf(i);
    return source ? source.copy('End') : context.workbook.worksheets.add(temporaryName);
  };
  const plan = planOutputs(existing, group, names);
  const taken = new Set([
    ...existing.map((s) => s.name.toLowerCase()),
    ...plan.outputs.map((o) => o.name.toLowerCase()),
  ]);
  const temporary = (): string => {
    let i = 1;
    while (taken.has(`~insdesk${i}`)) i++;
    taken.add(`~insdesk${i}`);
    return `~insdesk${i}`;
  };
  const sheets = plan.outputs.map((o, i) => make(i, o.replaces ? temporary() : o.name));
  const gone = new Set<ExistingSheet>([
    ...plan.stale,
    ...plan.outputs.flatMap((o) => (o.replaces ? [o.replaces] : [])),
  ]);
  for (const s of gone) s.worksheet.delete();
  // The tab order after the deletions with each successor where its predecessor was.
  const order = existing.filter((s) => !plan.stale.includes(s)).sort((a, b) => a.position - b.position);
  plan.outputs
    .map((o, i) => ({ o, sheet: sheets[i] }))
    .filter(({ o }) => o.replaces)
    .sort((a, b) => a.o.replaces!.position - b.o.replaces!.position)
    .forEach(({ o, sheet }) => {
      sheet.position = order.indexOf(o.replaces!);
    });
  return plan.outputs.map((o, i) => {
    const sheet = sheets[i];
    sheet.name = o.name;
    sheet.customProperties.add(OUTPUT_MARK, markOf(group, names[i]));
    return { sheet, name: o.name };
  });
}

/**
 * One output sheet on its own (the task pane's small jobs): looks the sheets up (two round
 * trips), then queues the replacement; the new sheet exists once the caller syncs its writes.
 */
export async function replaceOutputSheet(
  context: Excel.RequestContext,
  name: string,
  group = name,
): Promise<OutputSheet> {
  checkName(name);
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name, items/position');
  await context.sync();
  const marks = worksheets.items.map((ws) => ws.customProperties.getItemOrNullObject(OUTPUT_MARK).load('value'));
  await context.sync();
  const existing: ExistingSheet[] = worksheets.items.map((ws, i) => ({
    name: ws.name,
    position: ws.position,
    worksheet: ws,
    ...(marks[i].isNullObject ? {} : { output: marks[i].value }),
  }));
  return queueOutputs(context, existing, group, [name])[0];
}
