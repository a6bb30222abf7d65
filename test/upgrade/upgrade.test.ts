/**
 * upgrade keeps every original value where it was (cell by cell, converted cells listed on
 * 升级记录), is idempotent (a second run changes nothing), and never overwrites its input.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { buildTemplate, upgradeXlsx } from '../../src/io/upgradeOut';
import { LOG_SHEET } from '../../src/tasks/upgrade/ledgerSheet';
import { main } from '../../src/cli/main';
import { buildWorkbook } from '../../src/io/xlsxOut';
import { attendanceEdgeWorkbook, D, edgeWorkbook } from './fixtures';

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const plain = (v: ExcelJS.CellValue): unknown =>
  v instanceof Date
    ? v.toISOString()
    : v && typeof v === 'object' && 'formula' in v
      ? { f: v.formula, r: plain(v.result as ExcelJS.CellValue) }
      : v;

function cells(wb: ExcelJS.Workbook): Map<string, unknown> {
  const out = new Map<string, unknown>();
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => out.set(`${ws.name}!${c.address}`, plain(c.value)))));
  return out;
}

let input: Buffer;
let first: Awaited<ReturnType<typeof upgradeXlsx>>;
let second: Awaited<ReturnType<typeof upgradeXlsx>>;

beforeAll(async () => {
  input = await edgeWorkbook();
  first = await upgradeXlsx(input);
  second = await upgradeXlsx(first.bytes);
});

test('every original cell keeps its value, except converted cells, each listed on 升级记录 with its old text', async () => {
  const before = cells(await load(input));
  const upgraded = await load(first.bytes);
  const after = cells(upgraded);
  const converted = new Map(first.records.filter((r) => r.before && r.after).map((r) => [`${r.sheet}!${r.cell}`, r]));
  expect(converted.size).toBe(8);
  for (const [address, value] of before) {
    const r = converted.get(address);
    if (!r) expect([address, after.get(address)]).toEqual([address, value]);
    else {
      expect(value).toBe(r.before);
      const now = after.get(address);
      expect(typeof now === 'string' ? now.slice(0, 10) : String(now)).toBe(
        r.after.replace(/\.00$/, '').replace(/^(\d+)\.(\d)0$/, '$1.$2'),
      );
    }
  }
  expect(converted.get('续保!D7')).toEqual(
    expect.objectContaining({ before: '2024/2/27', after: '2024-02-27', note: '文本日期转为日期' }),
  );
  expect(converted.get('承保台账!G2')).toEqual(expect.objectContaining({ before: '1,234.50', after: '1234.50' }));
  // Text that cannot be read stays as it was, and is listed.
  expect(after.get('续保!D11')).toBe('不详');
  const log = upgraded.getWorksheet(LOG_SHEET)!;
  const notes: string[] = [];
  log.eachRow((row) => notes.push(`${row.getCell(1).value}!${row.getCell(2).value} ${row.getCell(6).value}`));
  expect(notes).toEqual(
    expect.arrayContaining(['续保!D7 文本日期转为日期', expect.stringMatching(/^续保!D11 无法识别，保持原样/)]),
  );
  // Header wording, extra columns and the title rows are untouched; formula columns come after them.
  expect(after.get('续保!A1')).toBe('续保清单（2024年3月）');
  expect(after.get('续保!H3')).toBe('备注');
  expect(after.get('续保!I3')).toBe('距到期天数');
  expect(after.get('承保台账!K1')).toBe('客户经理备注');
  expect([after.get('承保台账!L1'), after.get('承保台账!M1')]).toEqual(['未缴保费', '代理费']);
});

test('the formula cells carry the engine value as their cached result', async () => {
  const after = cells(await load(first.bytes));
  expect(after.get('承保台账!L2')).toEqual({ f: 'IF(ISNUMBER(G2),ROUND(G2-N(H2),2),"")', r: 234.3 });
  expect(after.get('续保!J4')).toEqual({ f: expect.stringContaining('已续保'), r: '已过期' });
});

async function everything(bytes: Buffer) {
  const wb = await load(bytes);
  const sheets: unknown[] = [];
  wb.eachSheet((ws) => {
    const x = ws as unknown as { dataValidations: { model: unknown }; conditionalFormattings: unknown };
    sheets.push({
      name: ws.name,
      views: ws.views,
      dv: x.dataValidations.model,
      cf: x.conditionalFormattings,
      widths: ws.columns?.map((c) => c.width),
    });
  });
  const zip = await JSZip.loadAsync(bytes);
  const tables = await Promise.all(
    Object.keys(zip.files)
      .filter((f) => f.startsWith('xl/tables/') && f.endsWith('.xml'))
      .sort()
      .map((f) => zip.file(f)!.async('string')),
  );
  return { cells: [...cells(wb)], sheets, tables, names: (wb.definedNames as unknown as { model: unknown }).model };
}

test('a second run changes nothing: cells, formulas, tables, validations, formats, names', async () => {
  expect(second.records).toEqual([]);
  expect(await everything(second.bytes)).toEqual(await everything(first.bytes));
});

test('settings the 设置 sheet lacks are appended — only those of the ledgers the workbook holds', async () => {
  const names = (await load(first.bytes)).definedNames as unknown as { model: { name: string; ranges: string[] }[] };
  const range = (name: string) => names.model.find((n) => n.name === name)?.ranges;
  // Renewal, issuance, claims and contracts: their settings are there; attendance's are not added.
  expect([range('RenewalWindow'), range('ClaimOverdueDays'), range('PointsPerVehicle')]).toEqual([
    expect.arrayContaining([expect.stringMatching(/^'设置'!\$B\$\d+$/)]),
    expect.arrayContaining([expect.stringMatching(/^'设置'!\$B\$\d+$/)]),
    expect.arrayContaining([expect.stringMatching(/^'设置'!\$B\$\d+$/)]),
  ]);
  expect([range('WorkStart'), range('Workdays'), range('Holidays'), range('MakeupDays')]).toEqual([
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
});

test('a new template is already an upgraded workbook: upgrading it changes nothing', async () => {
  const template = await buildTemplate('contracts', { rows: 50 });
  const again = await upgradeXlsx(template);
  expect(again.records).toEqual([]);
  expect(await everything(again.bytes)).toEqual(await everything(template));
});

test('insdesk upgrade writes the copy and refuses to overwrite the input', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'insdesk-upgrade-'));
  const src = join(dir, '台账.xlsx');
  writeFileSync(src, input);
  const out: string[] = [];
  const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => out.push(s) } };
  expect(await main(['upgrade', src, '--out', src], io as never)).toBe(2);
  expect(out.join('')).toContain('不能与输入文件相同');
  expect(readFileSync(src).equals(input)).toBe(true);
  expect(await main(['upgrade', src, '--out', join(dir, '台账-升级.xlsx'), '--json'], io as never)).toBe(0);
  const json = JSON.parse(out[out.length - 1]);
  expect(json.ledgers.map((l: { table: string }) => l.table).sort()).toEqual([
    'claims',
    'collections',
    'contracts',
    'issuance',
    'renewal',
  ]);
  expect(await main(['template', 'renewal', '--out', join(dir, '续保.xlsx')], io as never)).toBe(0);
  expect(readFileSync(join(dir, '续保.xlsx')).length).toBeGreaterThan(10_000);
});

describe('attendance: the 月度差勤 sheet', () => {
  let att: Awaited<ReturnType<typeof upgradeXlsx>>;
  beforeAll(async () => {
    att = await upgradeXlsx(await attendanceEdgeWorkbook());
  });

  test('is added with its hidden day-by-day helper, the as-of month, and listed on 升级记录', async () => {
    const wb = await load(att.bytes);
    expect(wb.worksheets.map((ws) => [ws.name, ws.state])).toEqual([
      ['人力表', 'visible'],
      ['打卡记录', 'visible'],
      ['上下班打卡', 'visible'],
      ['早会点到', 'visible'],
      ['设置', 'visible'],
      ['月度差勤', 'visible'],
      ['差勤日历', 'hidden'],
      [LOG_SHEET, 'visible'],
    ]);
    const ws = wb.getWorksheet('月度差勤')!;
    expect(ws.getRow(4).values).toEqual(
      expect.arrayContaining([
        '工号',
        '姓名',
        '部门',
        '应出勤天数',
        '出勤天数',
        '迟到天数',
        '请假天数',
        '缺勤天数',
        '扣款（元）',
        '说明',
      ]),
    );
    // The cached values are the engine's: 周一 (A01) in October 2026.
    const row5 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((c) => ws.getCell(5, c).result ?? '');
    expect(row5).toEqual(['A01', '周一', '一部', 18, 16, 1, 1, 0, 1, 120, '']);
    expect(ws.getColumn(12).hidden).toBe(true);
    expect(att.records.map((r) => `${r.sheet} ${r.note}`)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^月度差勤 新增工作表：月度差勤（每人当月应出勤/)]),
    );
    expect(att.ledgers.find((l) => l.table === 'roster')?.formulaSheet).toBe('月度差勤');
    const names = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
    expect(names).toEqual(
      expect.arrayContaining([
        { name: 'AttMonthStart', ranges: ["'月度差勤'!$B$2"] },
        { name: 'AttWeekdays', ranges: ["'差勤日历'!$P$8:$P$14"] },
        { name: 'Holidays', ranges: ["'设置'!$B$7:$B$13"] },
        { name: 'MakeupDays', ranges: ["'设置'!$B$14:$B$25"] },
      ]),
    );
  });

  test('a second run changes nothing and keeps the 月份 the clerk chose', async () => {
    const again = await upgradeXlsx(att.bytes);
    expect(again.records).toEqual([]);
    expect(await everything(again.bytes)).toEqual(await everything(att.bytes));
    const wb = await load(att.bytes);
    wb.getWorksheet('月度差勤')!.getCell('B1').value = D('2026-09-15');
    const september = await upgradeXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    const ws = (await load(september.bytes)).getWorksheet('月度差勤')!;
    expect((ws.getCell('B1').value as Date).toISOString().slice(0, 10)).toBe('2026-09-15');
    // September: 22 workdays (no holiday in the 设置 list falls in it; 09-20 is a 调休上班 Sunday → 23), nobody punched.
    expect([ws.getCell('D5').result, ws.getCell('H5').result]).toEqual([23, 23]);
  });

  test('punch records spread over many sheets would make formulas longer than Excel allows: no sheet, and 升级记录 says why', async () => {
    const punchSheet = (name: string) => ({
      name,
      rows: [
        ['工号', '姓名', '日期', '打卡时间'],
        ['A01', '周一', D('2026-10-08'), 0.37],
      ],
    });
    const wb = buildWorkbook([
      {
        name: '人力表',
        rows: [
          ['工号', '姓名', '部门'],
          ['A01', '周一', '一部'],
        ],
      },
      punchSheet('打卡记录'),
      punchSheet('打卡记录二'),
      punchSheet('打卡记录三'),
      {
        name: '上下班打卡',
        rows: [
          ['工号', '日期', '上班打卡', '下班打卡'],
          ['A01', D('2026-10-09'), 0.37, 0.75],
        ],
      },
      {
        name: '早会点到',
        rows: [
          ['日期', '工号', '姓名', '点到'],
          [D('2026-10-08'), 'A01', '周一', '到'],
        ],
      },
    ]);
    const result = await upgradeXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect((await load(result.bytes)).getWorksheet('月度差勤')).toBeUndefined();
    expect(result.records.map((r) => r.note)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^未生成“月度差勤”：打卡和点到记录分在 5 个工作表/)]),
    );
  });

  test('a new attendance template is already upgraded: upgrading it changes nothing', async () => {
    const template = await buildTemplate('attendance', { rows: 50, asOf: '2026-10-31' });
    const again = await upgradeXlsx(template);
    expect(again.records).toEqual([]);
    expect(await everything(again.bytes)).toEqual(await everything(template));
  });
});
