/**
 * Taking a failed run back: the sheets and defined names it added are deleted, and `restore`
 * queues what puts the clerk's own sheets back. The command's error is what the clerk hears;
 * this only makes sure no half-written result stays behind.
 */
export async function undoRun(
  context: Excel.RequestContext,
  sheetsBefore: ReadonlySet<string>,
  namesBefore: ReadonlySet<string> | undefined,
  restore?: () => void | Promise<void>,
): Promise<void> {
  const { worksheets, names } = context.workbook;
  worksheets.load('items/id');
  if (namesBefore) names.load('items/name');
  await context.sync();
  await restore?.();
  for (const ws of worksheets.items) if (!sheetsBefore.has(ws.id)) ws.delete();
  if (namesBefore) for (const n of names.items) if (!namesBefore.has(n.name.toLowerCase())) n.delete();
  await context.sync();
}
