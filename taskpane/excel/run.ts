/**
 * How the add-in runs a batch of work against the open workbook: Excel.run in Excel, the
 * strict fake in tests. The ribbon commands and the task pane are handed an ExcelRun.
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The real one: the add-in's only Excel.run. */
export const excelRun: ExcelRun = (batch) => Excel.run(batch);
