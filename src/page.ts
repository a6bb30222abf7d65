/**
 * The printed page every workbook insdesk writes is set up for — A4 landscape, the font named,
 * a header and footer — so the statistics and the validation report print the same way in
 * Excel, WPS and LibreOffice. Pure and browser-safe.
 */

/**
 * The report's font, named everywhere (cells, charts, header and footer): without a name
 * LibreOffice falls back to a serif face. Excel and WPS have it; elsewhere it maps to a sans face.
 */
export const REPORT_FONT = 'Microsoft YaHei';

/** A4 landscape as printed: paper 842 × 595 pt less Excel's normal margins (0.7"/0.75") and header room. */
export const PAGE = { paperSize: 9, widthPt: 842 - 2 * 0.7 * 72, heightPt: 595 - 2 * 0.75 * 72 - 12 } as const;

/** Points of a column `chars` wide (Excel's default font). */
export const columnPoints = (chars: number): number => chars * 5.25 + 3.75;
/** Header and footer codes: the report's title at the left, the sheet at the right, 第 N 页，共 M 页 below. */
export function headerFooter(title: string, sheet: string): { oddHeader: string; oddFooter: string } {
  const text = (s: string) => s.replace(/&/g, '&&');
  const font = `&"${REPORT_FONT},Regular"&9`;
  return {
    oddHeader: `&L${font}${text(title)}&R${font}${text(sheet)}`,
    oddFooter: `&C${font}第 &P 页，共 &N 页`,
  };
}

/**
 * A list's page setup (exceljs options): A4 landscape as wide as the page, row `headerRow`
 * (1-based; 0 for none) on every page, the title and sheet above, page numbers below.
 */
export function listPrintSetup(title: string, sheet: string, headerRow: number) {
  return {
    pageSetup: {
      paperSize: PAGE.paperSize,
      orientation: 'landscape' as const,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      ...(headerRow > 0 ? { printTitlesRow: `${headerRow}:${headerRow}` } : {}),
    },
    headerFooter: headerFooter(title, sheet),
  };
}
