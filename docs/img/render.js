#!/usr/bin/env node
/**
 * Renders upgrade-before.png and upgrade-after.png (docs/formulas.md "Before / after") from the
 * demo's 续保清单 and its upgraded copy, with LibreOffice and poppler:
 *
 *   node docs/img/render.js DEMO_DIR AS_OF
 *
 * A copy of each workbook, used only for the picture, shows the columns a renewal clerk looks
 * at and the policies expiring around the as-of date (the same rows and columns in both), with
 * the other sheets hidden; LibreOffice exports it as one page (SinglePageSheets) and pdftoppm
 * turns the page into a PNG at 80 dpi. Cached values are shown as they are: the upgraded file
 * carries the values insdesk computed.
 */
const { execFileSync } = require('node:child_process');
const { mkdtempSync, mkdirSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const ExcelJS = require('exceljs');

const KEEP = [
  '保单号',
  '险种',
  '被保险人',
  '联系电话',
  '车牌号',
  '终保日期',
  '上年保费',
  '所属人员',
  '联系结果',
  '续保保单号',
  '续保日期',
  '距到期天数',
  '续保状态',
];
/** Days around the as-of date whose expiring policies are shown: 脱保, 已过期, due this week, renewed, lost. */
const WINDOW = [-3, 6];

const [demoDir, asOf] = process.argv.slice(2);
if (!demoDir || !/^\d{4}-\d{2}-\d{2}$/.test(asOf ?? '')) {
  console.error(
    'usage: node docs/img/render.js DEMO_DIR AS_OF   (DEMO_DIR from: insdesk demo --out DEMO_DIR --as-of AS_OF)',
  );
  process.exit(2);
}
const day = (d) => Math.floor(d.getTime() / 86_400_000);
const asOfDay = day(new Date(`${asOf}T00:00:00Z`));

async function pictureCopy(source, target) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(source);
  const ws = wb.worksheets[0];
  const headerRow = [...Array(20).keys()].map((i) => i + 1).find((r) => ws.getRow(r).values.includes('终保日期'));
  const headers = ws.getRow(headerRow).values;
  const expiryCol = headers.indexOf('终保日期');
  for (let c = 1; c < headers.length; c++) ws.getColumn(c).hidden = !KEEP.includes(headers[c]);
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const expiry = ws.getRow(r).getCell(expiryCol).value;
    const offset = expiry instanceof Date ? day(expiry) - asOfDay : NaN;
    ws.getRow(r).hidden = !(offset >= WINDOW[0] && offset <= WINDOW[1]);
  }
  for (const other of wb.worksheets.slice(1)) other.state = 'hidden';
  ws.pageSetup = { ...ws.pageSetup, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  await wb.xlsx.writeFile(target);
}

(async () => {
  const work = mkdtempSync(join(tmpdir(), 'insdesk-picture-'));
  mkdirSync(join(work, 'profile'));
  const copies = [
    ['续保清单.xlsx', 'before'],
    ['续保清单-已升级.xlsx', 'after'],
  ];
  for (const [file, name] of copies) await pictureCopy(join(demoDir, file), join(work, `${name}.xlsx`));
  execFileSync(
    'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${join(work, 'profile')}`,
      '--convert-to',
      'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}',
      '--outdir',
      work,
      ...copies.map(([, name]) => join(work, `${name}.xlsx`)),
    ],
    { stdio: 'inherit' },
  );
  for (const [, name] of copies) {
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      join(work, `${name}.pdf`),
      resolve(__dirname, `upgrade-${name}`),
    ]);
  }
  console.log(`written: ${copies.map(([, name]) => `docs/img/upgrade-${name}.png`).join(', ')}`);
})();
