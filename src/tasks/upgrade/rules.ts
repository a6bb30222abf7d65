/**
 * Data validation, number formats and conditional formats of a ledger table, derived from the
 * column kinds and enums of src/ledgers. Plain data: the file writer maps them to exceljs, the
 * add-in can map them to Office.js. Formulas use the template syntax of formulas.ts, plus
 * `{row}` for this row's ledger (input) cells.
 */
import type { Column, Table } from '../../ledgers/schema';
import { toolsOf } from '../../ledgers';
import type { FormatRule, Look } from '../../ledgers/tools';
import { formulaColumnsOf, type FormulaColumn, type FormulaKind } from './formulas';
import { LIST_NAMES } from './settingsSheet';

export type { FormatRule, Look } from '../../ledgers/tools';

export interface Validation {
  type: 'list' | 'date' | 'decimal' | 'whole' | 'textLength' | 'time' | 'custom' | 'any';
  operator?: 'between' | 'equal' | 'greaterThan' | 'greaterThanOrEqual';
  /** Numbers, ISO dates (type date) or formula templates (type custom, list). */
  formulae?: (number | string)[];
  promptTitle: string;
  /** The input message shown when the cell is selected; '' for none. */
  prompt: string;
  error?: string;
}

/** Excel's limits: 32 characters of title, 255 of message. */
const title = (s: string) => s.slice(0, 32);

const MIN_DATE = '1900-01-01';
const MAX_DATE = '9999-12-31';

function requirement(c: Column): string {
  return c.required ? '必填。' : '';
}

/**
 * Kinds whose rule a clerk cannot guess from the cell (a drop-down, a date or an amount explain
 * themselves): only these, and columns with a hint of their own, pop up an input message.
 */
const EXPLAINED: ReadonlySet<Column['kind']> = new Set(['rate', 'vin', 'idNo', 'phone', 'plate']);

/**
 * The validation of a ledger column: what Excel accepts, the error that says why, and — where
 * the rule needs explaining — the input message ('' for none).
 */
export function validationOf(c: Column): Validation {
  const base = { promptTitle: title(c.header) };
  const say = (text: string) =>
    EXPLAINED.has(c.kind) || c.hint
      ? `${requirement(c)}${text}${c.hint && !text.includes(c.hint) ? `（${c.hint}）` : ''}`
      : '';
  // A suggested list: a drop-down of the 设置 sheet's list that still takes any other text.
  if (c.suggestions) return { ...base, type: 'list', formulae: [LIST_NAMES[c.suggestions]], prompt: c.hint ?? '' };
  switch (c.kind) {
    case 'enum': {
      const list = (c.values ?? []).join(',');
      return {
        ...base,
        type: 'list',
        formulae: [`"${list}"`],
        prompt: say(`请从下拉列表选择：${(c.values ?? []).join(' / ')}`),
        error: `${c.header}只能填 ${(c.values ?? []).join(' / ')}`,
      };
    }
    case 'date':
      return {
        ...base,
        type: 'date',
        operator: 'between',
        formulae: [MIN_DATE, MAX_DATE],
        prompt: say('请输入日期，如 2026-10-05'),
        error: `${c.header}应为日期，如 2026-10-05`,
      };
    case 'datetime':
      return {
        ...base,
        type: 'date',
        operator: 'between',
        formulae: [MIN_DATE, MAX_DATE],
        prompt: say('请输入日期和时间，如 2026-10-08 08:55'),
        error: `${c.header}应为日期（可带时间），如 2026-10-08 08:55`,
      };
    case 'time':
      return {
        ...base,
        type: 'time',
        operator: 'between',
        formulae: [0, 0.999988],
        prompt: say('请输入时间，如 08:55'),
        error: `${c.header}应为时间，如 08:55`,
      };
    case 'money': {
      const min = c.positive ? '大于 0' : c.signed ? '' : '不小于 0';
      return c.signed
        ? {
            ...base,
            type: 'decimal',
            operator: 'between',
            formulae: [-1e13, 1e13],
            prompt: say('金额（元），最多两位小数，如 1234.50'),
            error: `${c.header}应为金额，如 1234.50`,
          }
        : {
            ...base,
            type: 'decimal',
            operator: c.positive ? 'greaterThan' : 'greaterThanOrEqual',
            formulae: [0],
            prompt: say(`金额（元），${min}，最多两位小数，如 1234.50`),
            error: `${c.header}应为${min}的金额，如 1234.50`,
          };
    }
    case 'rate':
      return {
        ...base,
        type: 'decimal',
        operator: 'between',
        formulae: [0, 1],
        prompt: say('0 到 1 之间的小数，或输入如 15%'),
        error: `${c.header}应在 0 到 1 之间，如 0.15 或 15%`,
      };
    case 'int':
      return {
        ...base,
        type: 'whole',
        operator: c.positive ? 'greaterThan' : 'greaterThanOrEqual',
        formulae: [0],
        prompt: say('整数'),
        error: `${c.header}应为整数`,
      };
    case 'vin':
      return {
        ...base,
        type: 'textLength',
        operator: 'equal',
        formulae: [17],
        prompt: say('17 位车架号（VIN），不含字母 I、O、Q'),
        error: `${c.header}应为 17 位`,
      };
    case 'idNo':
      return {
        ...base,
        type: 'textLength',
        operator: 'equal',
        formulae: [18],
        prompt: say('18 位证件号码'),
        error: `${c.header}应为 18 位`,
      };
    case 'phone':
      return {
        ...base,
        type: 'textLength',
        operator: 'between',
        formulae: [7, 20],
        prompt: say('手机号（11 位）或座机（如 010-12345678）'),
        error: `${c.header}长度不对：手机号 11 位，座机如 010-12345678`,
      };
    case 'plate':
      return { ...base, type: 'any', prompt: say('如 京A12345；新能源如 京AD12345；未上牌填“新车”并填写车架号') };
    default:
      return { ...base, type: 'any', prompt: say(c.kind === 'code' ? '文本，按原号码填写' : '文本') };
  }
}

/**
 * Typing over a formula cell is refused; the formula itself passes (ISFORMULA), so “圈释无效数据”
 * marks nothing. ISFORMULA came with Excel 2013, so the file spells it `_xlfn.ISFORMULA`, or
 * LibreOffice reads an unknown function.
 */
export function formulaGuard(f: FormulaColumn): Validation {
  return {
    type: 'custom',
    formulae: ['_xlfn.ISFORMULA({self})'],
    promptTitle: title(f.header),
    prompt: `公式列，自动计算：${f.hint}。请勿手工填写。`,
    error: `“${f.header}”由公式自动计算，不能手工填写`,
  };
}

export const NUM_FMT: Partial<Record<Column['kind'] | FormulaKind, string>> = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  time: 'hh:mm',
  money: '#,##0.00',
  rate: '0.00%',
  days: '0',
};

/** Number format of a ledger column in a new workbook: codes as text so Excel never turns them into numbers. */
export function templateFormatOf(c: Column): string | undefined {
  if (['code', 'phone', 'plate', 'vin', 'idNo'].includes(c.kind)) return '@';
  return NUM_FMT[c.kind];
}

/** Number format of a formula column: amounts and day counts; text results keep the cell's own. */
export function formulaFormatOf(f: FormulaColumn): string | undefined {
  return f.kind === 'money' ? NUM_FMT.money : f.kind === 'days' ? NUM_FMT.days : undefined;
}

/** ARGB colours of an upgraded table: headers, and the grey formula columns no one types into. */
export const TABLE_COLORS = {
  headerFill: 'FFDDEBF7',
  formulaHeaderFill: 'FFBFBFBF',
  formulaFill: 'FFEDEDED',
  formulaFont: 'FF1F3864',
} as const;

export const LOOKS: Record<Look, { fill: string; font: string; meaning: string }> = {
  problem: { fill: 'FFFFC7CE', font: 'FF9C0006', meaning: '有问题：请核对' },
  soon: { fill: 'FFFFEB9C', font: 'FF9C5700', meaning: '即将到期' },
  expired: { fill: 'FFFCE4D6', font: 'FFC65911', meaning: '已过期（48 小时内）' },
  lapsed: { fill: 'FFF4B084', font: 'FF833C0B', meaning: '脱保' },
  warning: { fill: 'FFE4DFEC', font: 'FF7030A0', meaning: '需留意' },
};

const NUMERIC_KINDS: readonly Column['kind'][] = ['date', 'datetime', 'time', 'money', 'rate', 'int'];

/** Cell-level problems a clerk should see at once: text where a number belongs, unlisted values, missing required cells. */
function cellRules(t: Table): FormatRule[] {
  const out: FormatRule[] = [];
  for (const c of t.columns) {
    const ref = `{${c.key}}`;
    if (NUMERIC_KINDS.includes(c.kind)) {
      out.push({
        target: c.key,
        formula: `AND(LEN(${ref})>0,NOT(ISNUMBER(${ref})))`,
        look: 'problem',
        meaning: `${c.header}不是可计算的数值/日期`,
      });
      if (c.kind === 'money') {
        const sign = c.positive ? `${ref}<=0,` : c.signed ? '' : `${ref}<0,`;
        out.push({
          target: c.key,
          formula: `IF(ISNUMBER(${ref}),OR(${sign}ROUND(${ref},2)<>${ref}),FALSE)`,
          look: 'problem',
          meaning: `${c.header}${c.positive ? '不大于 0' : c.signed ? '' : '为负数'}或超过两位小数`,
        });
      }
    } else if (c.kind === 'enum') {
      const allowed = [...(c.values ?? []), ...Object.keys(c.synonyms ?? {})].map((v) => `TRIM(${ref})<>"${v}"`);
      out.push({
        target: c.key,
        formula: `AND(LEN(TRIM(${ref}))>0,${allowed.join(',')})`,
        look: 'problem',
        meaning: `${c.header}不在下拉列表中`,
      });
    } else if (c.kind === 'vin' || c.kind === 'idNo') {
      const len = c.kind === 'vin' ? 17 : 18;
      out.push({
        target: c.key,
        formula: `AND(LEN(TRIM(${ref}))>0,LEN(TRIM(${ref}))<>${len})`,
        look: 'problem',
        meaning: `${c.header}不是 ${len} 位`,
      });
    }
    if (c.required) {
      out.push({
        target: c.key,
        formula: `AND(COUNTA({row})>0,LEN(TRIM(${ref}))=0)`,
        look: 'problem',
        meaning: `缺少必填项${c.header}`,
      });
    }
  }
  return out;
}

/** Cell problems first: in Excel the earlier rule wins where two set the same property. */
export function formatRulesOf(t: Table): FormatRule[] {
  return [...cellRules(t), ...(toolsOf(t.key)?.formats ?? [])];
}

export { formulaColumnsOf };
