/**
 * 单证登记 (workflows.md §6; seed 004 node 六 "登记单证销号表，同时统计登记手续不全的台帐"): per
 * policy, which of the papers the insurer requires the desk has in hand. A policy still lacking
 * one is 手续不全: a warning on the cell, and a line on its specialist's 手续不全清单.
 */
import { z } from 'zod';
import { col, defineTable } from './schema';
import type { LedgerDef } from './registry';

const YES_NO = ['是', '否'] as const;
const yesNo = (header: string, aliases: string[] = []) =>
  col
    .oneOf(header, YES_NO, {
      aliases,
      synonyms: { 有: '是', 已交: '是', '√': '是', 无: '否', 未交: '否', 缺: '否', '×': '否' },
    })
    .optional();

/** 使用性质 for which the insurer asks a 单位用车证明. */
export const COMPANY_USE: ReadonlySet<string> = new Set(['非营业企业客车', '非营业机关客车', '非营业企业', '党政机关']);

const schema = z.object({
  policyNo: col.code('保单号', { aliases: ['保险单号'] }),
  insuredName: col.text('被保险人', { aliases: ['被保人'] }).optional(),
  specialist: col.text('业务员', { aliases: ['续保专员', '经办人', '专员'] }),
  useNature: col.text('使用性质', { hint: '非营业企业、党政机关用车还要单位用车证明' }).optional(),
  signedForm: yesNo('投保单签字', ['投保单']),
  noticeForm: yesNo('客户告知单', ['告知单']),
  vehicleLicence: yesNo('行驶本', ['行驶证']),
  idDocument: yesNo('身份证或组织机构代码证', ['身份证', '证件']),
  companyProof: yesNo('单位用车证明', ['用车证明']),
  note: col.text('备注').optional(),
});

export type DocumentRow = z.infer<typeof schema>;

export const documents = defineTable({
  ledger: 'documents',
  key: 'documents',
  title: '单证登记',
  schema,
  unique: [{ keys: ['policyNo'], level: 'warning', code: 'documents.duplicatePolicy' }],
  rowRules: [
    (r) =>
      missingDocuments(r).map((d) => ({
        key: d.key,
        level: 'warning' as const,
        code: 'documents.incomplete',
        message: `手续不全：缺${d.label}（请催收后改为“是”）`,
      })),
  ],
});

const PAPERS = [
  { key: 'signedForm', label: '投保单签字' },
  { key: 'noticeForm', label: '客户告知单' },
  { key: 'vehicleLicence', label: '行驶本' },
  { key: 'idDocument', label: '身份证或组织机构代码证' },
] as const;

/** The papers a policy still lacks: an empty cell counts as not in hand. */
export function missingDocuments(r: Partial<DocumentRow>): { key: string; label: string }[] {
  const out: { key: string; label: string }[] = PAPERS.filter((p) => r[p.key] !== '是').map((p) => ({ ...p }));
  if (r.useNature && [...COMPANY_USE].some((u) => r.useNature!.includes(u)) && r.companyProof !== '是')
    out.push({ key: 'companyProof', label: '单位用车证明' });
  return out;
}

export const documentsLedger: LedgerDef = {
  key: 'documents',
  title: '单证登记',
  tables: [documents],
  forms: [{ id: 'documents', label: '单证登记', table: documents, suggest: ['specialist'] }],
};
