/** `insdesk demo` runs the CRM import on its sample renewal list, with phones from its claims ledger. */
import { runDemo, DEMO_CRM } from '../../src/cli/demoRun';
import { readXlsx, sheetValues, tempDir } from './helpers';

describe('demo: the CRM step', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  test('writes 续保CRM导入.xlsx, fixes the phones the claims ledger knows, holds back the specialist who is behind', async () => {
    const lines: string[] = [];
    const result = await runDemo(tmp.dir, { asOf: '2026-11-25', log: (l) => lines.push(l) });
    expect(result.files).toContain(tmp.path(DEMO_CRM));

    const wb = await readXlsx(tmp.path(DEMO_CRM));
    const crm = sheetValues(wb.getWorksheet('CRM导入')!);
    const h = crm[0] as string[];
    const notes = crm.slice(1).map((r) => String(r[h.indexOf('备注')] ?? ''));
    expect(
      notes.filter((n) => n.startsWith('电话已更正') && n.includes('理赔台账.xlsx')).length,
    ).toBeGreaterThanOrEqual(4);

    const summary = sheetValues(wb.getWorksheet('汇总')!);
    expect(summary.find((r) => r[0] === '合计（应等于输入数据行）')![3]).toBe('相符');
    expect(summary.find((r) => r[0] === '导入CRM')![1]).toBe(crm.length - 1);
    // The sample leaves two cars unworked by one specialist: that one gets nothing new today.
    expect(summary.filter((r) => r[r.length - 1] === '有未处理信息，本次不分配')).toHaveLength(1);
    expect(sheetValues(wb.getWorksheet('未处理清单')!).length).toBeGreaterThan(1);

    const text = lines.join('\n');
    expect(text).toContain(`→ ${DEMO_CRM}`);
    expect(text).toMatch(/导入CRM \d+/);
    expect(text).toContain('本次不分配');
  });
});
