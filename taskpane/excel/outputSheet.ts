/**
 * Output sheets (问题清单, 月度统计, CRM导入 …) are replaced on every run — but only sheets
 * insdesk wrote itself. Each one carries a worksheet custom property (ExcelApi 1.12) naming
 * the output it holds; a sheet without it belongs to the user and is never deleted or
 * written: the output then goes to `<name> (2)`, `<name> (3)`, …
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

export interface OutputSheet {
  sheet: Excel.Worksheet;
  /** The name it gets (`name` unless a user's sheet has that name). */
  name: string;
}

/**
 * Makes a fresh, empty output sheet called `name` (or `name (k)`) in place of insdesk's
 * previous one, keeping its tab position. Costs one round trip, two when a sheet of that
 * name exists; the new sheet is queued, not synced — it exists once the caller syncs the
 * writes that follow.
 */
export async function replaceOutputSheet(context: Excel.RequestContext, name: string): Promise<OutputSheet> {
  if (!name || /[\\/?*[\]:]/.test(name)) throw new Error(`工作表名称不合法: ${name}`);
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name, items/position');
  await context.sync();

  const byName = new Map(worksheets.items.map((ws) => [ws.name.toLowerCase(), ws]));
  const taken: { name: string; ws: Excel.Worksheet; mark?: Excel.WorksheetCustomProperty }[] = [];
  let free = '';
  for (let k = 1; !free; k++) {
    const n = candidateName(name, k);
    const ws = byName.get(n.toLowerCase());
    if (ws) taken.push({ name: n, ws });
    else free = n;
  }
  if (taken.length > 0) {
    for (const t of taken) t.mark = t.ws.customProperties.getItemOrNullObject(OUTPUT_MARK);
    await context.sync();
  }

  // The lowest-numbered sheet insdesk wrote is replaced; with none, the first free name is used.
  const ours = taken.find((t) => t.mark && !t.mark.isNullObject);
  if (!ours) {
    const sheet = worksheets.add(free);
    sheet.customProperties.add(OUTPUT_MARK, name);
    return { sheet, name: free };
  }
  let temp = '~insdesk';
  for (let i = 2; byName.has(temp.toLowerCase()); i++) temp = `~insdesk${i}`;
  // Added under a temporary name before the old one goes: a workbook can't lose its last sheet.
  const sheet = worksheets.add(temp);
  const position = ours.ws.position;
  ours.ws.delete();
  sheet.name = ours.name;
  sheet.position = position;
  sheet.customProperties.add(OUTPUT_MARK, name);
  return { sheet, name: ours.name };
}
