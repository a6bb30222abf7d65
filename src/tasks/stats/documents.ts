/**
 * 手续不全清单 (workflows.md §6): the policies still lacking a paper, per specialist — what each
 * has to chase. Registered policies only; a policy with everything in hand is not listed.
 */
import { missingDocuments, type DocumentRow } from '../../ledgers/documents';
import type { SourcedRow } from './excluded';

export interface IncompletePolicy {
  specialist: string;
  policyNo: string;
  insuredName: string;
  missing: string[];
}

export interface DocumentFigures {
  registered: number;
  incomplete: IncompletePolicy[];
  /** Incomplete policies per specialist. */
  bySpecialist: Record<string, number>;
}

export function documentFigures(rows: readonly SourcedRow<Partial<DocumentRow>>[]): DocumentFigures {
  const incomplete: IncompletePolicy[] = [];
  for (const { data: r } of rows) {
    if (!r.policyNo) continue;
    const missing = missingDocuments(r).map((d) => d.label);
    if (missing.length)
      incomplete.push({
        specialist: r.specialist ?? '（未填写）',
        policyNo: r.policyNo,
        insuredName: r.insuredName ?? '',
        missing,
      });
  }
  incomplete.sort((a, b) => a.specialist.localeCompare(b.specialist, 'zh') || a.policyNo.localeCompare(b.policyNo));
  const bySpecialist: Record<string, number> = {};
  for (const p of incomplete) bySpecialist[p.specialist] = (bySpecialist[p.specialist] ?? 0) + 1;
  return { registered: rows.filter((r) => r.data.policyNo).length, incomplete, bySpecialist };
}
