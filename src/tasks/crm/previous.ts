/**
 * The --previous CRM file: policies in it are already in the CRM (bucket alreadyAssigned).
 * Its columns are found by the profile's headers (the file was written with that template),
 * or by the renewal list's wordings, and matched on 保单号 + 险种 (保单号 alone when the file
 * has no 险种 column or the cell is empty).
 */
import { isBlank } from '../../grid';
import { renewal } from '../../ledgers/renewal';
import { coercerFor } from '../../read/coerce';
import { HEADER_SCAN_ROWS, matchHeader, normalizeHeader } from '../../read/headers';
import { cellText } from '../../rules/text';
import { CrmError } from './errors';
import { headerOf, type CrmProfile } from './profile';
import type { CrmBook } from './types';

export interface PreviousCrm {
  has(policyNo: string, coverage: string | undefined): boolean;
  /** Policies read from the file. */
  rows: number;
}

const readPolicy = coercerFor(renewal.column('policyNo'));
const readCoverage = coercerFor(renewal.column('coverage'));

const key = (policyNo: string, coverage: string) => `${policyNo}\u0000${coverage}`;

function columnFinder(profile: CrmProfile, field: string): (header: string) => boolean {
  const own = headerOf(profile, field);
  const ownNorm = own ? normalizeHeader(own) : undefined;
  return (header) => {
    if (ownNorm && normalizeHeader(header) === ownNorm) return true;
    const m = matchHeader(renewal, header);
    return !!m && m.match !== 'fuzzy' && m.key === field;
  };
}

export function readPrevious(source: CrmBook, profile: CrmProfile): PreviousCrm {
  const isPolicy = columnFinder(profile, 'policyNo');
  const isCoverage = columnFinder(profile, 'coverage');
  const withCoverage = new Set<string>();
  const policyOnly = new Set<string>();
  let found = false;
  let rows = 0;
  for (const grid of source.grids) {
    const scan = Math.min(grid.rows.length, HEADER_SCAN_ROWS);
    for (let i = 0; i < scan; i++) {
      const headers = (grid.rows[i] ?? []).map((c) => cellText(c).trim());
      const p = headers.findIndex((h) => h && isPolicy(h));
      if (p < 0) continue;
      const c = headers.findIndex((h) => h && isCoverage(h));
      found = true;
      for (let r = i + 1; r < grid.rows.length; r++) {
        const cells = grid.rows[r];
        if (!cells || isBlank(cells[p])) continue;
        const no = readPolicy(cells[p], !!grid.date1904);
        if (no.issue || typeof no.value !== 'string') continue;
        rows++;
        const cov = c >= 0 && !isBlank(cells[c]) ? readCoverage(cells[c], !!grid.date1904) : undefined;
        if (cov && !cov.issue && typeof cov.value === 'string') withCoverage.add(key(no.value, cov.value));
        else policyOnly.add(no.value);
      }
      break;
    }
  }
  if (!found) {
    const header = headerOf(profile, 'policyNo') ?? renewal.column('policyNo').header;
    throw new CrmError(
      `没有找到“${header}”列，无法判断哪些保单已导入过 CRM（--previous 应为之前导出的 CRM 导入文件）`,
      source.name,
    );
  }
  return {
    rows,
    has: (policyNo, coverage) =>
      policyOnly.has(policyNo) || (coverage !== undefined && withCoverage.has(key(policyNo, coverage))),
  };
}
