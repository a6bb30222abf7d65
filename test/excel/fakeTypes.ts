/**
 * The fake is held to Office.js's own types: every public member of a fake class must exist on
 * the Office.js interface it stands for, so code tested on the fake cannot rely on a call
 * the real API lacks. A member that does not exist makes `OfficeMembersOnly` name it, and the
 * assignment below fails to compile (`npm run typecheck`).
 */
import type * as Fake from './fakeExcel';

/**
 * The fake's own plumbing, shared between its classes, and the counters tests read: not
 * Office.js, never called by the code under test (it sees only Office.js types).
 */
type FakeInternals =
  | 'path'
  | 'preload'
  | 'state'
  | 'book'
  | 'pending'
  | 'syncCount'
  | 'enqueue'
  | 'sheetState'
  | 'rangeTarget'
  | 'cfState';

/** `true` when every public member of F is one of O's; otherwise the names that are not. */
type OfficeMembersOnly<F, O> = [Exclude<keyof F, keyof O | FakeInternals>] extends [never]
  ? true
  : Exclude<keyof F, keyof O | FakeInternals>;

export const fakeMatchesOffice: {
  context: OfficeMembersOnly<Fake.FakeRequestContext, Excel.RequestContext>;
  workbook: OfficeMembersOnly<Fake.FakeWorkbookObject, Excel.Workbook>;
  application: OfficeMembersOnly<Fake.FakeApplication, Excel.Application>;
  functions: OfficeMembersOnly<Fake.FakeFunctions, Excel.Functions>;
  worksheets: OfficeMembersOnly<Fake.FakeWorksheetCollection, Excel.WorksheetCollection>;
  worksheet: OfficeMembersOnly<Fake.FakeWorksheet, Excel.Worksheet>;
  range: OfficeMembersOnly<Fake.FakeRange, Excel.Range>;
  rangeFormat: OfficeMembersOnly<Fake.FakeRangeFormat, Excel.RangeFormat>;
  fill: OfficeMembersOnly<Fake.FakeFill, Excel.RangeFill>;
  font: OfficeMembersOnly<Fake.FakeFont, Excel.RangeFont>;
  dataValidation: OfficeMembersOnly<Fake.FakeDataValidation, Excel.DataValidation>;
  conditionalFormats: OfficeMembersOnly<Fake.FakeConditionalFormatCollection, Excel.ConditionalFormatCollection>;
  conditionalFormat: OfficeMembersOnly<Fake.FakeConditionalFormat, Excel.ConditionalFormat>;
  conditionalFormatRule: OfficeMembersOnly<Fake.FakeConditionalFormatRule, Excel.ConditionalFormatRule>;
  rangeAreas: OfficeMembersOnly<Fake.FakeRangeAreas, Excel.RangeAreas>;
  tables: OfficeMembersOnly<Fake.FakeTableCollection, Excel.TableCollection>;
  table: OfficeMembersOnly<Fake.FakeTable, Excel.Table>;
  charts: OfficeMembersOnly<Fake.FakeChartCollection, Excel.ChartCollection>;
  chart: OfficeMembersOnly<Fake.FakeChart, Excel.Chart>;
  names: OfficeMembersOnly<Fake.FakeNamedItemCollection, Excel.NamedItemCollection>;
  name: OfficeMembersOnly<Fake.FakeNamedItem, Excel.NamedItem>;
  customProperties: OfficeMembersOnly<Fake.FakeCustomPropertyCollection, Excel.WorksheetCustomPropertyCollection>;
  customProperty: OfficeMembersOnly<Fake.FakeCustomProperty, Excel.WorksheetCustomProperty>;
} = {
  context: true,
  workbook: true,
  application: true,
  functions: true,
  worksheets: true,
  worksheet: true,
  range: true,
  rangeFormat: true,
  fill: true,
  font: true,
  dataValidation: true,
  conditionalFormats: true,
  conditionalFormat: true,
  conditionalFormatRule: true,
  rangeAreas: true,
  tables: true,
  table: true,
  charts: true,
  chart: true,
  names: true,
  name: true,
  customProperties: true,
  customProperty: true,
};
