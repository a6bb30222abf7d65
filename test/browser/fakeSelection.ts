/**
 * The strict Excel fake has no selection. Excel's `workbook.getSelectedRange()` is modelled
 * here, for the forms' "读取选中行": the selected cells of the active sheet, set by the test.
 */
import { FakeRange, FakeWorkbookObject, type FakeWorkbook } from '../excel/fakeExcel';
import { parseA1 } from '../excel/fakeState';

const selections = new WeakMap<FakeWorkbook, string>();

declare module '../excel/fakeExcel' {
  interface FakeWorkbookObject {
    getSelectedRange(): FakeRange;
  }
}

FakeWorkbookObject.prototype.getSelectedRange = function getSelectedRange(this: FakeWorkbookObject): FakeRange {
  const context = this.context;
  return new FakeRange(context, 'workbook.getSelectedRange()', this.worksheets.getActiveWorksheet(), () =>
    parseA1(selections.get(context.book) ?? 'A1'),
  );
};

/** Activates `sheet` and selects `address` on it, as a click in Excel would. */
export function select(book: FakeWorkbook, sheet: string, address: string): void {
  parseA1(address);
  book.state.activeSheet = book.sheet(sheet);
  selections.set(book, address);
}
