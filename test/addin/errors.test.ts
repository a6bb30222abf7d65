/** Failures as the clerk reads them: one Chinese sentence saying what went wrong and what to do. */
import { describeError } from '../../commands/errors';
import { CrmError } from '../../src/tasks/crm';
import { FakeOfficeError } from '../excel/fakeExcel';

test('our own messages pass through; Office.js codes are translated; anything else says what failed', () => {
  expect(describeError(new CrmError('续保专员名单为空'))).toBe('续保专员名单为空');
  expect(describeError(new FakeOfficeError('InvalidOperationInCellEditMode', 'The operation is not allowed'))).toBe(
    'Excel 正在编辑单元格：请先按 Enter 或 Esc 结束编辑，再点一次按钮。',
  );
  expect(describeError(new FakeOfficeError('AccessDenied', 'denied'))).toMatch(/^工作簿或工作表受保护/);
  expect(describeError(new FakeOfficeError('GeneralException', 'Something odd'))).toBe(
    'Excel 操作失败（GeneralException）：GeneralException: Something odd',
  );
  expect(describeError(new TypeError('x is undefined'))).toBe('操作失败：x is undefined');
  expect(describeError('plain')).toBe('操作失败：plain');
});
