/**
 * A 太平财险 commission statement for last month's policies, as insurers send them: a title and
 * a period line above the header, amounts as text with ¥ and separators, a 合计 row — and the exceptions a month of reconciliation turns up: one policy paid
 * short, one left off, one the agency never issued, a charge-back line (the policy twice), a
 * policy number typed in full-width with spaces, and an amount nobody can read.
 */
import type { Cell } from '../grid';
import type { SheetOut } from '../sheetOut';
import { commissionFen } from '../ledgers/issuance';
import { formatYuan } from '../rules/money';
import type { Planted } from './sheet';
import { previousMonthStart } from './policies';

const INSURER = '太平财险';
const HEADER = ['序号', '保单号', '被保险人', '保费', '手续费率', '手续费'];
const TITLE_ROWS = 2;

/** The ledger's policies of an insurer issued in a month, read back off the sample sheet. */
function policiesOf(issuance: SheetOut, from: string, to: string) {
  const [head, ...rows] = issuance.rows;
  const at = (h: string) => head.indexOf(h);
  const iso = (c: Cell) => (c instanceof Date ? c.toISOString().slice(0, 10) : String(c));
  return rows
    .filter((r) => r[at('保险公司')] === INSURER && iso(r[at('出单日期')]) >= from && iso(r[at('出单日期')]) < to)
    .map((r) => {
      const premium = Math.round(Number(r[at('保费')]) * 100);
      const rate = Number(r[at('代理费率')]);
      return {
        policyNo: String(r[at('保单号')]),
        insured: String(r[at('被保险人')]),
        premium,
        rate,
        commission: commissionFen({ premium, commissionRate: rate }),
      };
    });
}

const money = (fen: number): string => `¥${formatYuan(fen)}`;
const fullWidth = (s: string): string =>
  s.replace(/[0-9A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).replace(/^(.{4})/, '$1 ');

export function statementSample(
  issuance: SheetOut,
  asOf: string,
  file: string,
): { sheets: SheetOut[]; planted: Planted[]; month: string } {
  const from = previousMonthStart(asOf);
  const to = `${asOf.slice(0, 7)}-01`;
  const ps = policiesOf(issuance, from, to);
  const month = from.slice(0, 7);
  const [y, m] = month.split('-').map(Number);
  const main = ps.slice(0, -1); // the last policy is left off the statement
  const line = (n: number, p: (typeof ps)[number], amount: Cell): Cell[] => [
    n,
    p.policyNo,
    p.insured,
    money(p.premium),
    `${(p.rate * 100).toFixed(2)}%`,
    amount,
  ];
  const body: Cell[][] = main.map((p, i) => {
    if (i === 1) return line(i + 1, p, money(p.commission - 1000)); // paid 10 yuan short
    if (i === 2) return [i + 1, fullWidth(p.policyNo), p.insured, money(p.premium), p.rate, money(p.commission)];
    if (i === 4) return line(i + 1, p, '待定'); // nobody can read it
    return line(i + 1, p, money(p.commission));
  });
  const chargedBack = main[3];
  const planted: Planted[] = [];
  const sheetName = `${m}月手续费`;
  body.push(line(body.length + 1, chargedBack, `-${money(chargedBack.commission)}`));
  body.push([body.length + 1, `6${y}0000000001`, '赵明', money(150000), '15.00%', money(22500)]);
  planted.push(
    { file, sheet: sheetName, row: TITLE_ROWS + 1 + 5, column: 'F', code: 'money.invalid', level: 'error' },
    {
      file,
      sheet: sheetName,
      row: TITLE_ROWS + 1 + body.length - 1,
      column: 'B',
      code: 'statement.duplicatePolicy',
      level: 'warning',
    },
  );
  const total = body.reduce((a, r) => {
    const t = String(r[5]).replace(/[¥,]/g, '');
    return Number.isFinite(Number(t)) ? a + Math.round(Number(t) * 100) : a;
  }, 0);
  const rows: Cell[][] = [
    [`${INSURER} 代理手续费结算单`],
    [`结算期间：${y}年${m}月\u3000\u3000代理机构：冀东保险代理`],
    HEADER,
    ...body,
    ['合计', null, null, null, null, money(total)],
  ];
  return {
    sheets: [{ name: sheetName, rows, header: false, widths: [6, 24, 12, 14, 10, 14] }],
    planted,
    month,
  };
}

export const STATEMENT_INSURER = INSURER;
