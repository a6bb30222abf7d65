/**
 * The forms of the task pane: which ledger table each one fills, in which order its fields
 * come, and how rows are found. The fields themselves are the table's columns (fields.ts):
 * a column added to a ledger schema appears in its form without a change here.
 */
import type { Table } from '../../src/ledgers/schema';
import { TABLES } from '../../src/ledgers';
import { issuance } from '../../src/ledgers/issuance';
import { claims } from '../../src/ledgers/claims';
import { renewal } from '../../src/ledgers/renewal';
import { contracts, collections } from '../../src/ledgers/contracts';
import { rollCall, roster } from '../../src/ledgers/attendance';
import { intent } from '../../src/ledgers/intent';

export type FormId = 'issuance' | 'claims' | 'renewal' | 'contracts' | 'collections' | 'rollCall' | 'roster' | 'intent';

export interface FormSpec {
  id: FormId;
  /** What the picker calls the form. */
  label: string;
  table: Table;
  /**
   * Columns the desk fills first, under `leadTitle`; the table's other columns follow under
   * `restTitle`, in schema order.
   */
  lead?: readonly string[];
  leadTitle?: string;
  restTitle?: string;
  /**
   * Rows are not added with this form, only found by this column (or the selected row) and
   * updated: the renewal list comes from the core system's export.
   */
  lookup?: string;
  /** Tables the engine's cross-table rules compare this form's row with. */
  related?: readonly Table[];
}

export const FORMS: readonly FormSpec[] = [
  { id: 'issuance', label: '承保登记', table: issuance },
  { id: 'intent', label: '投保意向表', table: intent },
  {
    id: 'renewal',
    label: '续保回访结果',
    table: renewal,
    lookup: 'policyNo',
    lead: ['contactResult', 'lostReason', 'renewedPolicyNo', 'renewedDate', 'renewedPremium'],
    leadTitle: '回访结果',
    restTitle: '保单信息',
  },
  { id: 'claims', label: '理赔接车', table: claims },
  { id: 'contracts', label: '合同登记', table: contracts },
  { id: 'collections', label: '合同回款', table: collections, related: [contracts] },
  { id: 'rollCall', label: '早会点到', table: rollCall, related: [roster] },
  { id: 'roster', label: '人员登记', table: roster },
];

export function formById(id: string): FormSpec | undefined {
  return FORMS.find((f) => f.id === id);
}

/**
 * What a sheet's header row is matched against: every ledger table, so that a sheet counts as
 * a form's ledger only when no other table fits it better.
 */
export const KNOWN_TABLES: readonly Table[] = [...new Set([...TABLES, intent])];
