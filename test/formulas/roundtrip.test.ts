/**
 * What a colleague without the add-in gets: the table, the drop-downs and checks, the
 * conditional formats and the defined names must survive LibreOffice opening and saving the
 * file — and the file must not carry the table and format XML that Excel "repairs" in
 * exceljs's own output (exceljs issues 2184, 2277, 3015).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { buildTemplate, upgradeXlsx } from '../../src/io/upgradeOut';
import { readTables } from '../../src/io/upgradeZip';
import { edgeWorkbook, D } from '../upgrade/fixtures';
import { load, recalculate } from './libreoffice';

const dir = mkdtempSync(join(tmpdir(), 'insdesk-roundtrip-'));
let ours: Buffer;
let template: Buffer;
let withExcelTable: Buffer;
let after: ExcelJS.Workbook;
let afterBytes: Buffer;
let afterTemplate: Buffer;
let attendance: Buffer;
let afterAttendance: Buffer;

/** A workbook with a table as Excel writes it: no headerRowCount (it defaults to 1), no filterColumn, a calculated column. */
async function excelStyleTable(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('承保台账');
  ws.addRow(['出单日期', '保单号', '险种', '被保险人', '起保日期', '保费', '我的备注']);
  ws.addRow([D('2024-02-20'), 'I01', '交强险', '甲', D('2024-02-21'), 950, { formula: 'F2*2', result: 1900 }]);
  const other = wb.addWorksheet('备忘');
  other.addRow(['事项', '金额']);
  other.addRow(['房租', 100]);
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const table = (name: string, ref: string, cols: string) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="${name}" displayName="${name}" ref="${ref}" totalsRowShown="0"><autoFilter ref="${ref}"/>${cols}<tableStyleInfo name="TableStyleMedium4" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`;
  zip.file(
    'xl/tables/table1.xml',
    table(
      '表1',
      'A1:G2',
      '<tableColumns count="7"><tableColumn id="1" name="出单日期"/><tableColumn id="2" name="保单号"/><tableColumn id="3" name="险种"/><tableColumn id="4" name="被保险人"/><tableColumn id="5" name="起保日期"/><tableColumn id="6" name="保费"/><tableColumn id="7" name="我的备注"><calculatedColumnFormula>F2*2</calculatedColumnFormula></tableColumn></tableColumns>',
    ),
  );
  zip.file(
    'xl/tables/table2.xml',
    table(
      '备忘表',
      'A1:B2',
      '<tableColumns count="2"><tableColumn id="1" name="事项"/><tableColumn id="2" name="金额"/></tableColumns>',
    ),
  );
  for (const [sheet, t] of [
    ['sheet1', 'table1'],
    ['sheet2', 'table2'],
  ]) {
    zip.file(
      `xl/worksheets/_rels/${sheet}.xml.rels`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/${t}.xml"/></Relationships>`,
    );
    const xml = await zip.file(`xl/worksheets/${sheet}.xml`)!.async('string');
    zip.file(
      `xl/worksheets/${sheet}.xml`,
      xml.replace('</worksheet>', '<tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>'),
    );
  }
  const types = await zip.file('[Content_Types].xml')!.async('string');
  zip.file(
    '[Content_Types].xml',
    types.replace(
      '</Types>',
      ['table1', 'table2']
        .map(
          (t) =>
            `<Override PartName="/xl/tables/${t}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`,
        )
        .join('') + '</Types>',
    ),
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

beforeAll(async () => {
  ours = (await upgradeXlsx(await edgeWorkbook())).bytes;
  template = await buildTemplate('claims', { rows: 100 });
  withExcelTable = (await upgradeXlsx(await excelStyleTable())).bytes;
  attendance = await buildTemplate('attendance', { rows: 100 });
  writeFileSync(join(dir, 'ours.xlsx'), ours);
  writeFileSync(join(dir, 'template.xlsx'), template);
  writeFileSync(join(dir, 'attendance.xlsx'), attendance);
  const [out, outTemplate, outAttendance] = recalculate([
    join(dir, 'ours.xlsx'),
    join(dir, 'template.xlsx'),
    join(dir, 'attendance.xlsx'),
  ]);
  after = await load(out);
  afterBytes = (await import('node:fs')).readFileSync(out);
  afterTemplate = (await import('node:fs')).readFileSync(outTemplate);
  afterAttendance = (await import('node:fs')).readFileSync(outAttendance);
}, 300_000);

async function parts(bytes: Buffer, prefix: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  return Promise.all(
    Object.keys(zip.files)
      .filter((f) => f.startsWith(prefix) && f.endsWith('.xml'))
      .sort()
      .map((f) => zip.file(f)!.async('string')),
  );
}

test('our tables are written as Excel writes them (no hidden filter buttons, header row, calculated columns)', async () => {
  const xmls = await parts(ours, 'xl/tables/');
  expect(xmls.length).toBe(5);
  for (const xml of xmls) {
    expect(xml).not.toMatch(/hiddenButton|filterColumn|headerRowCount="0"|totalsRowLabel/); // issue 2184
    const ref = /<table\b[^>]*\sref="([^"]+)"/.exec(xml)![1];
    expect(xml).toContain(`<autoFilter ref="${ref}"/>`);
  }
  const issuance = xmls.find((x) => x.includes('name="insdesk_issuance"'))!;
  expect(issuance).toContain(
    '<calculatedColumnFormula>IF(ISNUMBER(G2),ROUND(G2-N(H2),2),&quot;&quot;)</calculatedColumnFormula>',
  );
});

test('an Excel table without headerRowCount keeps its header row and calculated column (issue 2277)', async () => {
  const tables = await readTables(withExcelTable);
  const ledger = tables.find((t) => t.sheet === '承保台账')!;
  expect(ledger.name).toBe('表1');
  expect(ledger.headerRow).toBe(true);
  expect(ledger.style).toBe('TableStyleMedium4');
  expect(ledger.formulas).toEqual(
    expect.objectContaining({ 我的备注: 'F2*2', 未缴保费: 'IF(ISNUMBER(F2),ROUND(F2-N(H2),2),"")' }),
  );
  const kept = tables.find((t) => t.sheet === '备忘')!;
  expect([kept.name, kept.ref, kept.headerRow]).toEqual(['备忘表', 'A1:B2', true]);
});

test('tables, validations, conditional formats and names survive LibreOffice', async () => {
  const tables = await readTables(afterBytes);
  expect(tables.map((t) => [t.sheet, t.ref]).sort()).toEqual(
    [
      ['合同履行一览表', 'A1:J5'],
      ['回款记录', 'A1:D6'],
      ['承保台账', 'A1:M6'],
      ['理赔台账', 'A1:M7'],
      ['续保', 'A3:J12'],
    ].sort(),
  );
  const claims = after.getWorksheet('理赔台账')!;
  const dv = (address: string) =>
    (
      claims as unknown as { dataValidations: { find(a: string): ExcelJS.DataValidation | undefined } }
    ).dataValidations.find(address);
  expect(dv('J2')?.type).toBe('list');
  expect(dv('J2')?.formulae[0]).toBe('"已接车,已定损,维修中,已递交,已回款,退案,结案"');
  // A drop-down explains itself: no input message; the formula column's does survive.
  expect(dv('J2')?.showInputMessage ?? false).toBe(false);
  expect(dv('M2')?.prompt).toContain('公式列，自动计算');
  expect(dv('C7')).toEqual(expect.objectContaining({ type: 'date' }));
  expect(dv('E4')).toEqual(expect.objectContaining({ type: 'decimal' }));
  expect(dv('M2')?.type).toBe('custom');
  expect(dv('M2')?.formulae[0]).toMatch(/^(_xlfn\.)?ISFORMULA\(M2\)$/);
  const cfs = (claims as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] })
    .conditionalFormattings;
  const formulas = cfs.flatMap((c) => c.rules.flatMap((r) => r.formulae ?? []));
  expect(formulas).toEqual(expect.arrayContaining(['$M2="是"']));
  expect(cfs.length).toBeGreaterThanOrEqual(15);
  const names = (after.definedNames as unknown as { model: { name: string }[] }).model.map((n) => n.name);
  expect(names).toEqual(expect.arrayContaining(['AsOfDate', 'ClaimOverdueDays', 'RenewalWindow']));
  // No 差勤 in this workbook: none of its settings.
  expect(names).not.toContain('WorkStart');
});

test('every conditional format points at a style that exists, in ours and after LibreOffice (issue 3015)', async () => {
  for (const bytes of [ours, template, attendance, afterBytes, afterTemplate, afterAttendance]) {
    const styles = (await parts(bytes, 'xl/styles.xml'))[0];
    const dxfs = /<dxfs count="(\d+)"/.exec(styles)?.[1] ?? '0';
    for (const sheet of await parts(bytes, 'xl/worksheets/sheet')) {
      for (const m of sheet.matchAll(/<cfRule\b[^>]*>/g)) {
        const id = /dxfId="(\d+)"/.exec(m[0]);
        expect(id).not.toBeNull();
        expect(Number(id![1])).toBeLessThan(Number(dxfs));
      }
    }
  }
});

test('月度差勤 survives LibreOffice: its helper sheet stays hidden, its names, month cell and checks stay', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(afterAttendance as unknown as ArrayBuffer);
  expect(wb.worksheets.map((ws) => [ws.name, ws.state])).toEqual([
    ['人力表', 'visible'],
    ['打卡记录', 'visible'],
    ['早会点到', 'visible'],
    ['设置', 'visible'],
    ['月度差勤', 'visible'],
    ['差勤日历', 'hidden'],
  ]);
  const names = (wb.definedNames as unknown as { model: { name: string }[] }).model.map((n) => n.name);
  expect(names).toEqual(
    expect.arrayContaining([
      'AttMonthStart',
      'AttMonthEnd',
      'AttThrough',
      'AttLateCut',
      'AttWeekdays',
      'Holidays',
      'MakeupDays',
      'Workdays',
    ]),
  );
  const ws = wb.getWorksheet('月度差勤')!;
  const dv = (address: string) =>
    (
      ws as unknown as { dataValidations: { find(a: string): ExcelJS.DataValidation | undefined } }
    ).dataValidations.find(address);
  expect(dv('B1')?.type).toBe('date');
  // One rule over A5:K54, written for its top-left cell.
  expect(dv('D7')?.formulae[0]).toMatch(/^(_xlfn\.)?ISFORMULA\(A5\)$/);
  expect(ws.getColumn(12).hidden).toBe(true);
});
