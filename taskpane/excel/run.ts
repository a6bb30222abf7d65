/**
 * How the add-in runs a batch of work against the open workbook: Excel.run in Excel, the
 * strict fake in tests. The ribbon commands and the task pane are handed an ExcelRun.
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The real one: the add-in's only Excel.run. */
export const excelRun: ExcelRun = (batch) => Excel.run(batch);

/**
 * Opens an .xlsx (base64) as a new workbook in Excel (ExcelApi 1.8): how a result meant as a
 * file of its own reaches the clerk where a download link does not work (Excel for Mac).
 */
export type OpenWorkbook = (base64: string) => Promise<void>;

export const openWorkbook: OpenWorkbook = (base64) => Excel.createWorkbook(base64);
