/**
 * The formula columns against a real spreadsheet engine: every upgraded or new workbook is
 * recalculated by LibreOffice (forced), and every formula cell must come out equal to the
 * cached value insdesk wrote — which is the engine's own value (src/tasks/upgrade/values.ts).
 * One soffice run for the whole batch.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { buildTemplate, upgradeXlsx } from '../../src/io/upgradeOut';
import { buildWorkbook } from '../../src/io/xlsxOut';
import { sampleLedgers } from '../../src/demo/samples';
import { LEDGER_KEYS } from '../../src/ledgers';
import { todayIso } from '../../src/rules/date';
import { edgeWorkbook } from '../upgrade/fixtures';
import { errorCells, load, recalculate, resultOf } from './libreoffice';

const dir = mkdtempSync(join(tmpdir(), 'insdesk-recalc-'));
const files: { name: string; path: string }[] = [];
let recalculated: ExcelJS.Workbook[] = [];
let originals: ExcelJS.Workbook[] = [];
let todayBefore = '';

async function put(name: string, bytes: Buffer) {
  const path = join(dir, `${name}.xlsx`);
  writeFileSync(path, bytes);
  files.push({ name, path });
}

beforeAll(async () => {
  todayBefore = todayIso();
  await put('edge', (await upgradeXlsx(await edgeWorkbook())).bytes);
  await put('edge-today', (await upgradeXlsx(await edgeWorkbook(null))).bytes);
  const demo = sampleLedgers('2026-11-25');
  for (const [i, f] of demo.files.entries()) {
    const source = Buffer.from(await buildWorkbook(f.sheets).xlsx.writeBuffer());
    await put(`demo${i}-${f.name.replace(/\.xlsx$/, '')}`, (await upgradeXlsx(source)).bytes);
  }
  for (const ledger of LEDGER_KEYS) await put(`template-${ledger}`, await buildTemplate(ledger, { rows: 300 }));
  const outs = recalculate(files.map((f) => f.path));
  recalculated = await Promise.all(outs.map(load));
  originals = await Promise.all(files.map((f) => load(f.path)));
}, 300_000);

function formulaCells(wb: ExcelJS.Workbook): { sheet: string; address: string; formula: string; cached: unknown }[] {
  const out: { sheet: string; address: string; formula: string; cached: unknown }[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (c.type === ExcelJS.ValueType.Formula) out.push({ sheet: ws.name, address: c.address, formula: c.formula, cached: resultOf(c) });
      }),
    ),
  );
  return out;
}

test('every formula cell of every workbook recalculates to the engine value', () => {
  let checked = 0;
  const mismatches: string[] = [];
  files.forEach((f, i) => {
    const cells = formulaCells(originals[i]);
    // The attendance ledger has no formula columns yet (its 月度差勤 sheet is still open).
    if (!/attendance|差勤/.test(f.name)) expect([f.name, cells.length > 0]).toEqual([f.name, true]);
    for (const c of cells) {
      const lo = resultOf(recalculated[i].getWorksheet(c.sheet)!.getCell(c.address));
      checked++;
      if (lo !== c.cached) mismatches.push(`${f.name} ${c.sheet}!${c.address}: insdesk ${JSON.stringify(c.cached)}, LibreOffice ${JSON.stringify(lo)} — ${c.formula}`);
    }
  });
  // Across midnight TODAY() moves: only then may the empty-as-of workbook differ.
  const crossedMidnight = todayIso() !== todayBefore;
  expect(crossedMidnight ? mismatches.filter((m) => !m.startsWith('edge-today')) : mismatches).toEqual([]);
  expect(checked).toBeGreaterThan(3000);
});

test('the recalculation leaves no error cell anywhere', () => {
  for (const wb of recalculated) expect(errorCells(wb)).toEqual([]);
});

function column(wb: ExcelJS.Workbook, sheet: string, header: string, headerRow = 1): unknown[] {
  const ws = wb.getWorksheet(sheet)!;
  let col = 0;
  ws.getRow(headerRow).eachCell((c, n) => {
    if (c.value === header) col = n;
  });
  expect(col).toBeGreaterThan(0);
  const out: unknown[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) out.push(resultOf(ws.getCell(r, col)));
  return out;
}

test('the edge cases compute what ledgers.md says (as recalculated by LibreOffice)', () => {
  const wb = recalculated[files.findIndex((f) => f.name === 'edge')];
  // Leap day, expiry today, 48 hours, a text date 3 days past, 7 days ahead, lost, renewed, unreadable, no expiry; then the 合计 row.
  expect(column(wb, '续保', '距到期天数', 3)).toEqual([-1, 0, -2, -3, 7, 1, -91, '', '', '']);
  expect(column(wb, '续保', '续保状态', 3)).toEqual(['已过期', '待续保', '已过期', '脱保', '待续保', '战败', '已续保', '', '已续保', '']);
  expect(column(wb, '承保台账', '未缴保费')).toEqual([234.3, 0, 2.67, 0, 185.18]);
  expect(column(wb, '承保台账', '代理费')).toEqual([185.18, 27.78, 1.34, 0, 6.48]);
  expect(column(wb, '理赔台账', '保险公司应付')).toEqual([4500, 4500, 5000, 800, '', 3000]);
  expect(column(wb, '理赔台账', '未回款')).toEqual([4500, 4500, 500, 200, '', 3000]);
  // 30 days after submission is not yet overdue, 31 is; a payment after the as-of date is not yet received.
  expect(column(wb, '理赔台账', '是否逾期')).toEqual(['否', '是', '是', '否', '否', '否']);
  expect(column(wb, '合同履行一览表', '已回款')).toEqual([4000.1, 600.05, 800, 0]);
  expect(column(wb, '合同履行一览表', '应收余额')).toEqual([5999.9, -100.05, 0, 1200]);
  expect(column(wb, '合同履行一览表', '交付逾期')).toEqual(['是', '否', '否', '否']);
});

test('with an empty 基准日 the formulas count from today', () => {
  const wb = recalculated[files.findIndex((f) => f.name === 'edge-today')];
  const days = column(wb, '续保', '距到期天数', 3);
  const todaySerial = Math.round(Date.parse(`${todayIso()}T00:00:00Z`) / 86_400_000) + 25569;
  expect(days[0]).toBe(Math.round(Date.parse('2024-02-29T00:00:00Z') / 86_400_000) + 25569 - todaySerial);
});
