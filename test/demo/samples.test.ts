import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleLedgers, SAMPLE_FILES, type Planted, type Samples } from '../../src/demo/samples';
import { writeXlsx } from '../../src/io/xlsxOut';
import { readWorkbookFile } from '../../src/io/workbook';
import { readLedgerSheets } from '../../src/read/sheets';
import { validateWorkbooks, type Book, type ValidateResult } from '../../src/tasks/validate';
import { renewal as renewalTable, renewalStatus } from '../../src/ledgers/renewal';
import { issuance as issuanceTable } from '../../src/ledgers/issuance';
import { isClaimOverdue } from '../../src/ledgers/claims';
import { collectedByContract } from '../../src/ledgers/contracts';
import { checkPlate, plateKind } from '../../src/rules/plate';
import { checkVin } from '../../src/rules/vin';

const AS_OF = '2026-11-25';

/** Every finding of a validation, flattened with its file and sheet. */
function findingsOf(result: ValidateResult) {
  return result.files.flatMap((f) => [
    ...f.sheets.flatMap((s) => s.findings.map((x) => ({ file: f.file, sheet: s.sheet, ...x }))),
    ...f.findings.map((x) => ({ file: f.file, ...x })),
  ]);
}

const cellKey = (p: Pick<Planted, 'file' | 'sheet' | 'row' | 'column' | 'code'> & { level: string }) =>
  [p.file, p.sheet, p.row, p.column, p.code, p.level].join('|');

const baseName = (path: string) => path.split(/[\\/]/).pop()!;

describe('sampleLedgers', () => {
  it('is deterministic for a seed and an as-of date', () => {
    const a = sampleLedgers(AS_OF, 7);
    const b = sampleLedgers(AS_OF, 7);
    expect(b).toEqual(a);
    const c = sampleLedgers(AS_OF, 8);
    expect(c.files[0].sheets[0].rows).not.toEqual(a.files[0].sheets[0].rows);
  });

  it('plants every kind of mistake, each at a distinct cell', () => {
    const { planted } = sampleLedgers(AS_OF);
    const kinds = new Set(planted.map((p) => `${p.file} ${p.code} ${p.level}`));
    expect([...kinds].sort()).toEqual(
      [
        '出单登记.xlsx intent.giftNotGiven warning',
        '出单登记.xlsx intent.inspectionDue warning',
        '出单登记.xlsx items.noStock error',
        '合同履行一览表.xlsx collections.unknownContract error',
        '合同履行一览表.xlsx date.invalid error',
        '太平财险手续费结算单.xlsx money.invalid error',
        '太平财险手续费结算单.xlsx statement.duplicatePolicy warning',
        '差勤.xlsx attendance.unknownPerson error',
        '差勤.xlsx staff.licenceExpired error',
        '差勤.xlsx staff.licenceExpiring warning',
        '承保台账.xlsx idNo.invalid error',
        '承保台账.xlsx issuance.deliveredUnpaid error',
        '承保台账.xlsx issuance.endBeforeStart error',
        '承保台账.xlsx vin.checkDigit warning',
        '新车交车与出险咨询.xlsx deliveries.lostNoReason warning',
        '新车交车与出险咨询.xlsx deliveries.noPolicy warning',
        '新车交车与出险咨询.xlsx hotline.noContact error',
        '新车交车与出险咨询.xlsx vin.checkDigit warning',
        '理赔台账.xlsx claims.lateReport warning',
        '理赔台账.xlsx claims.overdueNoReason warning',
        '理赔台账.xlsx claims.paidWithoutDate error',
        '理赔台账.xlsx phone.invalid warning',
        '理赔台账.xlsx plate.invalid error',
        '续保清单.xlsx date.invalid error',
        '续保清单.xlsx followups.noAppointment warning',
        '续保清单.xlsx followups.unknownTarget warning',
        '续保清单.xlsx phone.invalid warning',
        '续保清单.xlsx plate.invalid error',
        '续保清单.xlsx renewal.duplicate warning',
      ].sort(),
    );
    expect(new Set(planted.map(cellKey)).size).toBe(planted.length);
  });

  it('keeps codes valid and varied: plates of every style, VINs with right check digits', () => {
    const { files, planted } = sampleLedgers(AS_OF);
    const issuance = files.find((f) => f.name === SAMPLE_FILES.issuance)!.sheets[0].rows;
    const renewal = files.find((f) => f.name === SAMPLE_FILES.renewal)!.sheets[0].rows;
    const plantedRows = new Set(planted.map((p) => `${p.file}|${p.row}`));
    const col = (t: { columns: readonly { key: string }[] }, key: string) => t.columns.findIndex((c) => c.key === key);
    const plates = [
      ...renewal
        .slice(1)
        .filter((_, i) => !plantedRows.has(`${SAMPLE_FILES.renewal}|${i + 2}`))
        .map((r) => String(r[col(renewalTable, 'plateNo')])),
      ...issuance
        .slice(1)
        .map((r) => r[col(issuanceTable, 'plateNo')])
        .filter((p) => p)
        .map(String),
    ];
    for (const p of plates) expect(checkPlate(p)).toMatchObject({ ok: true });
    expect(new Set(plates.map((p) => p[0]))).toEqual(new Set(['冀', '京', '津']));
    const kinds = new Set(plates.map((p) => plateKind(p)));
    for (const k of ['ordinary', 'newEnergySmall', 'trailer'] as const) expect(kinds).toContain(k);
    for (const r of renewal.slice(1)) {
      const vin = r[col(renewalTable, 'vin')];
      expect(checkVin(String(vin))).toEqual({ ok: true, value: vin });
    }
  });
});

describe('sample files read back and validate', () => {
  let dir: string;
  let samples: Samples;
  let books: Book[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'insdesk-samples-'));
    samples = sampleLedgers(AS_OF);
    books = [];
    for (const f of samples.files) {
      const path = join(dir, f.name);
      await writeXlsx(path, f.sheets);
      const wb = await readWorkbookFile(path);
      books.push({ file: baseName(wb.file), grids: wb.grids });
    }
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds each sheet as the right ledger table with all its rows', () => {
    const expected: Record<string, Record<string, string>> = {
      [SAMPLE_FILES.renewal]: { 续保清单: 'renewal', 回访记录: 'followups' },
      [SAMPLE_FILES.issuance]: { 承保台账: 'issuance' },
      [SAMPLE_FILES.claims]: { 理赔台账: 'claims' },
      [SAMPLE_FILES.contracts]: { 合同: 'contracts', 回款记录: 'collections' },
      [SAMPLE_FILES.attendance]: { 人力表: 'roster', 打卡记录: 'punches', 早会点到: 'rollCall' },
      [SAMPLE_FILES.registers]: { 投保意向表: 'intent', 物品台账: 'items' },
      [SAMPLE_FILES.statement]: { '10月手续费': 'statement' },
      [SAMPLE_FILES.dealer]: { 新车交车: 'deliveries', 出险咨询登记: 'hotline' },
    };
    for (const book of books) {
      const read = readLedgerSheets(book.grids, { asOf: AS_OF });
      const tables = Object.fromEntries(read.tables.map((t) => [t.sheet, t.table.key]));
      expect(tables).toEqual(expected[book.file]);
      expect(read.unmatched).toEqual([]);
      const written = samples.files.find((f) => f.name === book.file)!;
      for (const t of read.tables) {
        const sheet = written.sheets.find((s) => s.name === t.sheet)!;
        // The insurer's own layout: title rows above the header, a 合计 row below.
        if (sheet.header === false) continue;
        expect(t.headerRow).toBe(1);
        expect(t.rows).toHaveLength(sheet.rows.length - 1);
        expect(t.columns.every((c) => c.key)).toBe(true);
      }
    }
  });

  it("every typed row passes its table's zod schema: the schema and the reader are one truth", () => {
    let checked = 0;
    for (const book of books) {
      for (const t of readLedgerSheets(book.grids, { asOf: AS_OF }).tables) {
        // A row with an error keeps only the fields that could be read: each must still fit.
        const erred = new Set(t.findings.filter((f) => f.level === 'error').map((f) => f.row));
        const whole = t.table.schema.strict();
        const partial = t.table.schema.partial().strict();
        for (const r of t.rows) {
          const result = (erred.has(r.row) ? partial : whole).safeParse(r.data);
          if (!result.success) throw new Error(`${t.sheet}!${r.row}: ${result.error.message}`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('has the expected sizes and a renewal list in every state', () => {
    const read = (name: string) => readLedgerSheets(books.find((b) => b.file === name)!.grids, { asOf: AS_OF });
    const count = (name: string, sheet: string) => read(name).tables.find((t) => t.sheet === sheet)!.rows.length;
    expect(count(SAMPLE_FILES.renewal, '续保清单')).toBeGreaterThanOrEqual(100);
    expect(count(SAMPLE_FILES.renewal, '续保清单')).toBeLessThanOrEqual(140);
    expect(count(SAMPLE_FILES.issuance, '承保台账')).toBe(151);
    expect(count(SAMPLE_FILES.renewal, '回访记录')).toBeGreaterThanOrEqual(30);
    expect(count(SAMPLE_FILES.claims, '理赔台账')).toBe(80);
    expect(count(SAMPLE_FILES.contracts, '合同')).toBe(30);
    expect(count(SAMPLE_FILES.contracts, '回款记录')).toBeGreaterThanOrEqual(45);
    expect(count(SAMPLE_FILES.attendance, '人力表')).toBe(20);

    const rows = read(SAMPLE_FILES.renewal).tables[0].rows.map(
      (r) => r.data as Parameters<typeof renewalStatus>[0] & Record<string, string>,
    );
    const statuses = new Set(rows.filter((r) => r.expiryDate).map((r) => renewalStatus(r, AS_OF)));
    expect([...statuses].sort()).toEqual(['待续保', '已续保', '已过期', '战败', '脱保'].sort());
    expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(['冀东业务', '代理公司业务', '脱落销售部']));
  });

  it('has overdue and returned claims, partial and over-collected contracts, late and absent staff', () => {
    const tables = (name: string) =>
      readLedgerSheets(books.find((b) => b.file === name)!.grids, { asOf: AS_OF }).tables;
    const claims = tables(SAMPLE_FILES.claims)[0].rows.map((r) => r.data as Record<string, string>);
    expect(claims.filter((c) => isClaimOverdue(c, AS_OF)).length).toBeGreaterThanOrEqual(3);
    const returned = claims.filter((c) => c.status === '退案');
    expect(returned.length).toBeGreaterThanOrEqual(1);
    for (const c of returned) expect(c.returnReason).toMatch(/\S/);
    expect(new Set(claims.map((c) => c.returnedForRepair))).toEqual(new Set(['是', '否']));

    const [contractTable, collectionTable] = tables(SAMPLE_FILES.contracts);
    const contracts = contractTable.rows.map((r) => r.data as { contractNo: string; amount: number; region: string });
    const collected = collectedByContract(
      collectionTable.rows.map((r) => r.data),
      AS_OF,
    );
    const receivable = contracts.map((c) => c.amount - (collected.get(c.contractNo) ?? 0));
    expect(receivable.filter((r) => r < 0)).toHaveLength(1);
    const partlyPaid = contracts.filter((c, i) => collected.has(c.contractNo) && receivable[i] > 0);
    expect(partlyPaid.length).toBeGreaterThan(5);
    expect(new Set(contracts.map((c) => c.region))).toEqual(new Set(['华北', '华东', '华南', '西南']));

    const att = tables(SAMPLE_FILES.attendance);
    const marks = new Set(att.find((t) => t.table.key === 'rollCall')!.rows.map((r) => r.data.mark));
    expect(marks).toEqual(new Set(['到', '迟', '假', '缺']));
    const joined = att.find((t) => t.table.key === 'roster')!.rows.map((r) => r.data.joinDate as string);
    expect(joined.filter((d) => d.startsWith(AS_OF.slice(0, 7)))).toHaveLength(1);
  });

  it('gives the CRM phone fix something to find in the claims ledger', () => {
    const renewal = readLedgerSheets(books.find((b) => b.file === SAMPLE_FILES.renewal)!.grids, { asOf: AS_OF })
      .tables[0];
    const claims = readLedgerSheets(books.find((b) => b.file === SAMPLE_FILES.claims)!.grids, { asOf: AS_OF })
      .tables[0];
    const claimPhones = new Map(claims.rows.filter((r) => r.data.phone).map((r) => [r.data.plateNo, r.data.phone]));
    const leadsWithoutPhone = renewal.rows.filter((r) => !r.data.phone && !r.data.assignee);
    const fixable = leadsWithoutPhone.filter((r) => claimPhones.has(r.data.plateNo));
    expect(fixable.length).toBeGreaterThanOrEqual(4);
    expect(leadsWithoutPhone.length).toBeGreaterThan(fixable.length);
  });

  it('reads the 设置 sheet: 2026 国庆 holidays and make-up workdays', () => {
    const read = readLedgerSheets(books.find((b) => b.file === SAMPLE_FILES.attendance)!.grids, { asOf: AS_OF });
    expect(read.findings.filter((f) => f.sheet === '设置')).toEqual([]);
    for (let d = 1; d <= 7; d++) expect(read.settings.holidays).toContain(`2026-10-0${d}`);
    expect(read.settings.holidays).not.toContain('2026-10-08');
    expect(read.settings.makeupDays).toEqual(expect.arrayContaining(['2026-09-20', '2026-10-10']));
    expect(read.settings.workStart).toBe(9 * 60);
    expect(read.settings.lateFee).toBe(2000);
  });

  it('validation finds every planted mistake at its cell and no other error or warning', () => {
    const result = validateWorkbooks(books, { asOf: AS_OF });
    const found = findingsOf(result);
    const foundKeys = new Set(found.map(cellKey));
    const plantedKeys = new Set(samples.planted.map(cellKey));
    expect(samples.planted.filter((p) => !foundKeys.has(cellKey(p)))).toEqual([]);
    expect(found.filter((f) => f.level !== 'info' && !plantedKeys.has(cellKey(f)))).toEqual([]);
    expect(result.summary.errors).toBe(samples.planted.filter((p) => p.level === 'error').length);
  });

  it.each([
    ['2026-01-03', 11],
    ['2026-10-05', 12],
    ['2027-02-28', 13],
  ])('stays clean apart from the planted mistakes on %s (seed %d)', (asOf, seed) => {
    const s = sampleLedgers(asOf, seed);
    const inMemory: Book[] = s.files.map((f) => ({
      file: f.name,
      grids: f.sheets.map((x) => ({ sheet: x.name, rows: x.rows })),
    }));
    const found = findingsOf(validateWorkbooks(inMemory, { asOf }));
    const plantedKeys = new Set(s.planted.map(cellKey));
    expect(found.filter((f) => f.level !== 'info' && !plantedKeys.has(cellKey(f)))).toEqual([]);
    expect(s.planted.filter((p) => !found.some((f) => cellKey(f) === cellKey(p)))).toEqual([]);
  });
});
