/**
 * A workbook's grids → its ledger tables, its `设置` sheet, and the cross-table findings
 * (a collection for an unknown contract, a punch or roll call for a person not in the roster).
 */
import type { Grid } from '../grid';
import { ISSUES_SHEET, MARK_PREFIX, type Finding } from '../findings';
import type { LedgerKey, Table, TableKey } from '../ledgers/schema';
import { allTables, tablesOfLedger } from '../ledgers';
import {
  defaultSettings,
  isSettingsSheet,
  readSettings,
  SETTINGS_SHEET,
  workbookSettings,
  type Settings,
} from '../ledgers/settings';
import { readTable, type ParsedTable, type ReadOptions } from './table';
import { isNoPlate } from '../rules/plate';
import { dayNumber } from '../rules/date';
import { itemBalances, itemMoves, STOCK, type ItemMove } from '../ledgers/items';
import { DELIVERY_MATCH_DAYS, hasPolicy, INSURED_HERE, policyStarts } from '../ledgers/deliveries';

export interface LedgerSheets {
  tables: ParsedTable[];
  settings: Settings;
  /** Findings that belong to no single table: settings, cross-table rules. */
  findings: Finding[];
  /** Sheets that hold no ledger (and are not the settings sheet). */
  unmatched: string[];
}

export interface SheetsOptions {
  asOf: string;
  /** Force every sheet to be read as this ledger. */
  ledger?: LedgerKey;
  /** Settings to start from (e.g. from another workbook of the same run). */
  settings?: Settings;
  /**
   * Run the cross-table rules on this workbook's tables (default true). A run over several
   * workbooks turns it off and runs them once over all tables, so a contract in one file
   * counts for a collection in another and nothing is reported twice.
   */
  crossTable?: boolean;
  /** Told how many more grid rows are done; the increments add up to all rows of all grids. */
  onRows?: (rows: number) => void;
  /** See ReadOptions.only. */
  only?: ReadOptions['only'];
  /** Sheets already read row by row as the file was read (TableReader): their table, or none. */
  streamed?: ReadonlyMap<string, ParsedTable | undefined>;
}

/** The tables sheets are matched against: every registered one, or those of a forced `--ledger`. */
export const candidateTables = (ledger?: LedgerKey): readonly Table[] =>
  ledger ? tablesOfLedger(ledger) : allTables();

/** A validation report repeats the sheets it checked as marked-up copies: they are not data. */
export const isReportCopy = (sheet: string, names: readonly string[]): boolean =>
  sheet.startsWith(MARK_PREFIX) && names.includes(ISSUES_SHEET);

/**
 * A sheet that must be read whole before the others: the 设置 sheet (its 基准日 and lists), and a
 * report's copies (skipped whole). A reader that streams the other sheets reads these as grids.
 */
export const needsGrid = (sheet: string, names: readonly string[]): boolean =>
  sheet.trim() === SETTINGS_SHEET || isReportCopy(sheet, names);

/** The only fields the cross-table rules read, per table: a reader that keeps no more still finds them. */
const CROSS_TABLE_FIELDS: Partial<Record<TableKey, readonly string[]>> = {
  contracts: ['contractNo'],
  collections: ['contractNo'],
  roster: ['employeeId', 'name'],
  punches: ['employeeId', 'name'],
  punchPairs: ['employeeId', 'name'],
  rollCall: ['employeeId', 'name'],
  renewal: ['policyNo', 'plateNo'],
  followups: ['policyNo', 'plateNo'],
  // The VIP mark compares a car's 交强险 and 商业险.
  issuance: ['policyNo', 'plateNo', 'vin', 'coverage', 'startDate', 'memberCard'],
  // The stock follows the moves.
  items: ['date', 'item', 'action', 'quantity', 'handler', 'recipient'],
  // 本店投保 checked against the issuance ledger's policies.
  deliveries: ['vin', 'deliveryDate', 'insured'],
  // The promised gift, checked against the 物品台账.
  intent: ['gift', 'insuredName'],
};

export const crossTableFields = (table: TableKey): readonly string[] => CROSS_TABLE_FIELDS[table] ?? [];

export function readLedgerSheets(grids: readonly Grid[], opts: SheetsOptions): LedgerSheets {
  const candidates = candidateTables(opts.ledger);
  let settings = opts.settings ?? defaultSettings();
  // The rules read 设置 wherever the sheet stands in the workbook.
  const { claimOverdueDays } = workbookSettings(grids, settings);
  const findings: Finding[] = [];
  const tables: ParsedTable[] = [];
  const unmatched: string[] = [];
  // A validation report repeats the sheets it checked as marked-up copies: they are not data.
  const names = grids.map((g) => g.sheet);
  for (const grid of grids) {
    if (isReportCopy(grid.sheet, names)) {
      unmatched.push(grid.sheet);
      opts.onRows?.(grid.rows.length);
      continue;
    }
    if (isSettingsSheet(grid)) {
      const s = readSettings(grid, settings);
      settings = s.settings;
      findings.push(...s.findings);
      opts.onRows?.(grid.rows.length);
      continue;
    }
    const t = opts.streamed?.has(grid.sheet)
      ? opts.streamed.get(grid.sheet)
      : readTable(grid, candidates, {
          asOf: opts.asOf,
          claimOverdueDays,
          lenient: !!opts.ledger,
          onRows: opts.onRows,
          only: opts.only,
        });
    if (t) tables.push(t);
    else unmatched.push(grid.sheet);
  }
  if (opts.crossTable ?? true) for (const f of crossTableFindings(tables)) findings.push(f);
  return { tables, settings, findings, unmatched };
}

/** The parsed tables of one kind. */
export const tablesOf = (sheets: { tables: readonly ParsedTable[] }, key: TableKey): ParsedTable[] =>
  sheets.tables.filter((t) => t.table.key === key);

function columnOf(t: ParsedTable, key: string): string {
  return t.columns.find((c) => c.key === key)?.letter ?? '';
}

export function crossTableFindings(tables: readonly ParsedTable[]): Finding[] {
  return crossTableIssues(tables).map((i) => i.finding);
}

/** The cross-table findings with the table each belongs to (sheet names need not be unique across workbooks). */
export function crossTableIssues(tables: readonly ParsedTable[]): { table: ParsedTable; finding: Finding }[] {
  const out: { table: ParsedTable; finding: Finding }[] = [];
  const byKey = (k: TableKey) => tables.filter((t) => t.table.key === k);

  const contracts = byKey('contracts');
  if (contracts.length) {
    const known = new Set(contracts.flatMap((t) => t.rows.map((r) => r.data.contractNo as string | undefined)));
    for (const t of byKey('collections')) {
      const letter = columnOf(t, 'contractNo');
      for (const r of t.rows) {
        const no = r.data.contractNo as string | undefined;
        if (no && !known.has(no)) {
          out.push({
            table: t,
            finding: {
              sheet: t.sheet,
              row: r.row,
              column: letter,
              key: 'contractNo',
              level: 'error',
              code: 'collections.unknownContract',
              message: `合同编号 ${no} 不在合同履行一览表中（请先登记合同，或核对编号）`,
            },
          });
        }
      }
    }
  }

  const roster = byKey('roster');
  if (roster.length) {
    const ids = new Set<string>();
    const names = new Set<string>();
    for (const t of roster)
      for (const r of t.rows) {
        if (r.data.employeeId) ids.add(r.data.employeeId as string);
        if (r.data.name) names.add(r.data.name as string);
      }
    for (const t of [...byKey('punches'), ...byKey('punchPairs'), ...byKey('rollCall')]) {
      for (const r of t.rows) {
        const id = r.data.employeeId as string | undefined;
        const name = r.data.name as string | undefined;
        const found = id ? ids.has(id) : name ? names.has(name) : true;
        if (!found) {
          const key = id ? 'employeeId' : 'name';
          out.push({
            table: t,
            finding: {
              sheet: t.sheet,
              row: r.row,
              column: columnOf(t, key),
              key,
              level: 'error',
              code: 'attendance.unknownPerson',
              message: `${id ? `工号 ${id}` : `姓名 ${name}`} 不在人力表中（请核对，或先在人力表登记）`,
            },
          });
        }
      }
    }
  }
  // One by one: a big ledger's findings would overflow the stack as push(...spread) arguments.
  for (const t of byKey('issuance')) for (const finding of vipMismatches(t)) out.push({ table: t, finding });
  for (const t of byKey('items')) for (const finding of stockShortages(t)) out.push({ table: t, finding });
  // A gift promised on an intent form is handed out through the 物品台账: checked when both are here.
  const given = new Set(
    byKey('items').flatMap((t) =>
      t.rows.filter((r) => r.data.action === '发放').map((r) => `${r.data.item}\u0000${r.data.recipient}`),
    ),
  );
  if (byKey('items').length)
    for (const t of byKey('intent'))
      for (const r of t.rows) {
        const { gift, insuredName } = r.data as { gift?: string; insuredName?: string };
        if (!gift || !insuredName || given.has(`${gift}\u0000${insuredName}`)) continue;
        out.push({
          table: t,
          finding: {
            sheet: t.sheet,
            row: r.row,
            column: columnOf(t, 'gift'),
            key: 'gift',
            level: 'warning',
            code: 'intent.giftNotGiven',
            message: `赠品“${gift}”在物品台账中没有发放给 ${insuredName} 的记录（发放后请登记，物品台账的结存才准）`,
          },
        });
      }

  if (byKey('issuance').length && byKey('deliveries').length) {
    const starts = policyStarts(
      byKey('issuance').flatMap((t) => t.rows as { data: { vin?: string; startDate?: string } }[]),
    );
    for (const t of byKey('deliveries'))
      for (const r of t.rows) {
        const d = r.data as { vin?: string; deliveryDate?: string; insured?: string };
        if (d.insured !== INSURED_HERE || !d.vin || !d.deliveryDate || hasPolicy(d, starts)) continue;
        out.push({
          table: t,
          finding: {
            sheet: t.sheet,
            row: r.row,
            column: columnOf(t, 'insured'),
            key: 'insured',
            level: 'warning',
            code: 'deliveries.noPolicy',
            message: `标为本店投保，但承保台账中没有车架号 ${d.vin} 在交车前后 ${DELIVERY_MATCH_DAYS} 天内起保的保单（请核对车架号，或补登保单）`,
          },
        });
      }
  }

  const policyTables = [...byKey('renewal'), ...byKey('issuance')];
  // Only a follow-up log is checked against them: without one, no set is built.
  if (policyTables.length && byKey('followups').length) {
    const policies = new Set<unknown>();
    const plates = new Set<unknown>();
    for (const t of policyTables)
      for (const r of t.rows) {
        policies.add(r.data.policyNo);
        plates.add(r.data.plateNo);
      }
    const what = policyTables
      .map((t) => t.table.title)
      .filter((x, i, all) => all.indexOf(x) === i)
      .join('或');
    for (const t of byKey('followups')) {
      for (const r of t.rows) {
        const { policyNo, plateNo } = r.data as { policyNo?: string; plateNo?: string };
        if ((!policyNo && !plateNo) || (policyNo && policies.has(policyNo)) || (plateNo && plates.has(plateNo)))
          continue;
        const key = policyNo ? 'policyNo' : 'plateNo';
        out.push({
          table: t,
          finding: {
            sheet: t.sheet,
            row: r.row,
            column: columnOf(t, key),
            key,
            level: 'warning',
            code: 'followups.unknownTarget',
            message: `${policyNo ? `保单号 ${policyNo}` : `车牌号 ${plateNo}`} 不在${what}中（请核对是否记错）`,
          },
        });
      }
    }
  }
  return out;
}

/**
 * 会员卡号 (the VIP mark) on both policies of a car (seed 004: "交强险与商业险出了两个保单，两个保单要
 * 全部加上"): a 交强险 and a 商业险 of the same plate (or VIN) starting within a month of each
 * other must carry the same card. A car with no card on either is simply no member.
 */
function vipMismatches(t: ParsedTable): Finding[] {
  const out: Finding[] = [];
  type Row = (typeof t.rows)[number];
  type Data = { plateNo?: string; vin?: string; coverage?: string; startDate?: string; memberCard?: string };
  // A car by its plate, else its VIN (two maps, so no key is built per row); most cars have one
  // policy here, kept as the row itself until a second one comes.
  const byPlate = new Map<string, Row | Row[]>();
  const byVin = new Map<string, Row | Row[]>();
  for (const r of t.rows) {
    const d = r.data as Data;
    if (!d.startDate || (d.coverage !== '交强险' && d.coverage !== '商业险')) continue;
    const plate = d.plateNo && !isNoPlate(d.plateNo) ? d.plateNo : undefined;
    if (!plate && !d.vin) continue;
    const map = plate ? byPlate : byVin;
    const key = plate ?? d.vin!;
    const seen = map.get(key);
    if (seen === undefined) map.set(key, r);
    else if (Array.isArray(seen)) seen.push(r);
    else map.set(key, [seen, r]);
  }
  // Every policy of the car with one card (the common case): nothing to pair, no dates to read.
  const sameCard = (rows: readonly Row[]) =>
    rows.every((r) => (r.data as Data).memberCard === (rows[0].data as Data).memberCard);
  const policyOf = (r: Row) => {
    const d = r.data as Data;
    return { row: r.row, coverage: d.coverage, day: dayNumber(d.startDate!), card: d.memberCard ?? '' };
  };
  const letter = columnOf(t, 'memberCard');
  for (const [map, what] of [
    [byPlate, '车牌'],
    [byVin, '车架号'],
  ] as const)
    for (const [car, rows] of map) {
      if (!Array.isArray(rows) || sameCard(rows)) continue;
      const policies = rows.map(policyOf);
      for (const commercial of policies.filter((p) => p.coverage === '商业险')) {
        const compulsory = policies.find((p) => p.coverage === '交强险' && Math.abs(p.day - commercial.day) <= 31);
        if (!compulsory || compulsory.card === commercial.card) continue;
        const shown = (card: string) => card || '（空）';
        const [first, later] = compulsory.row < commercial.row ? [compulsory, commercial] : [commercial, compulsory];
        const at = !first.card ? first : later;
        out.push({
          sheet: t.sheet,
          row: at.row,
          column: letter,
          key: 'memberCard',
          level: 'warning',
          code: 'issuance.vipMismatch',
          message:
            `${what} ${car} 的交强险（第 ${compulsory.row} 行）` +
            `与商业险（第 ${commercial.row} 行）会员卡号不一致：${shown(compulsory.card)} / ${shown(commercial.card)}（两张保单都要加上 VIP 标识）`,
        });
      }
    }
  return out;
}

/** A 领用, 发放 or 退回 of more than its source held at that date: the register is wrong somewhere. */
function stockShortages(t: ParsedTable): Finding[] {
  const moves = itemMoves(t.rows as { row: number; data: Partial<ItemMove> }[]);
  const column = columnOf(t, 'quantity');
  return itemBalances(moves).shortages.map(({ move, from, had }) => ({
    sheet: t.sheet,
    row: move.row,
    column,
    key: 'quantity',
    level: 'error',
    code: 'items.noStock',
    message:
      `${move.date} ${move.action} ${move.quantity} 件${move.item}，但${from === STOCK ? '库存' : `${from}手中`}当时只有 ${had} 件` +
      `（请补登入库${from === STOCK ? '' : '或领用'}，或核对数量）`,
  }));
}
