/**
 * The statistics report on disk: an .xlsx (exceljs, streamed; chartParts.ts adds the native
 * charts exceljs cannot write) set up for A4 printing, and, beside it, a self-contained .html
 * with the headline figures, the summary tables and the same charts as SVG — a page that opens
 * on any phone or browser a manager has (docs/stats.md).
 */
import { excel } from './lazy';
import { promises as fs } from 'fs';
import * as path from 'path';
import { PassThrough } from 'stream';
import {
  formatValue,
  layoutSheet,
  toneOf,
  NOT_APPLICABLE,
  SHEET_NAMES,
  type ChartSpec,
  type Report,
  type ReportSheet,
} from '../tasks/stats';
import { addCharts } from './chartParts';
import { writeReportSheets, type SheetMaker } from './reportBook';

/** The report as .xlsx bytes: exceljs writes cells and page setup, chartParts adds the charts. */
export async function statsXlsx(report: Report): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ stream: sink, useStyles: true, useSharedStrings: true });
  wb.creator = 'insdesk';
  const sheets = writeReportSheets(wb as unknown as SheetMaker, report);
  await wb.commit();
  return Buffer.from(await addCharts(Buffer.concat(chunks), sheets));
}

export async function writeStatsXlsx(file: string, report: Report): Promise<void> {
  await fs.writeFile(file, await statsXlsx(report));
}

// ---- HTML with SVG charts ----------------------------------------------------------------

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Tables longer than this are left to the workbook (the page says so). */
export const HTML_MAX_ROWS = 200;
const DETAIL_SHEETS = new Set<string>([
  SHEET_NAMES.contractList,
  SHEET_NAMES.attendancePeople,
  SHEET_NAMES.attendanceDays,
  SHEET_NAMES.excluded,
]);

/** Axis ticks: about 4 nice steps from at or below `lo` to at or above `hi`. */
export function ticks(lo: number, hi: number): number[] {
  const span = hi - lo || 1;
  const raw = span / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.floor(lo / step) * step; ; t += step) {
    out.push(Math.round(t * 1e6) / 1e6);
    if (t >= hi - step * 1e-9) return out;
  }
}

const SERIES_COLOURS = ['#4f81bd', '#c0504d', '#9bbb59', '#8064a2'];

function axisLabel(v: number, f: ChartSpec['format']): string {
  if (f === 'rate') return `${Math.round(v * 1000) / 10}%`;
  if (Math.abs(v) >= 10000) return `${Math.round(v / 1000) / 10}万`;
  return String(v);
}

export function chartSvg(c: ChartSpec): string {
  const n = c.categories.length;
  const all = c.series.flatMap((s) => s.values);
  const lo = Math.min(0, ...all);
  let hi = Math.max(0, ...all);
  if (c.format === 'rate') hi = Math.max(hi, 1);
  const t = ticks(lo, hi);
  const min = t[0];
  const max = t[t.length - 1] > min ? t[t.length - 1] : min + 1;
  const parts: string[] = [];
  const k = c.series.length;
  const label = (v: number) => formatValue(v, c.format === 'yuan' ? 'yuan' : c.format === 'rate' ? 'rate' : 'int');
  const bar = (x: number, y: number, w: number, h: number, i: number, s: number) => {
    const v = c.series[s].values[i];
    const who = k > 1 ? `${c.categories[i]} · ${c.series[s].name}` : c.categories[i];
    return `<rect class="bar" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(0, w).toFixed(1)}" height="${Math.max(0, h).toFixed(1)}" fill="${v < 0 && k === 1 ? '#c0504d' : SERIES_COLOURS[s % SERIES_COLOURS.length]}" data-category="${esc(c.categories[i])}" data-series="${esc(c.series[s].name)}" data-value="${v}"><title>${esc(who)}: ${esc(label(v))}</title></rect>`;
  };
  let width: number;
  let height: number;
  const top = k > 1 ? 56 : 40;
  if (k > 1) {
    c.series.forEach((s, i) => {
      const x = 10 + i * 110;
      parts.push(
        `<rect x="${x}" y="30" width="10" height="10" fill="${SERIES_COLOURS[i % SERIES_COLOURS.length]}"/><text x="${x + 14}" y="39" font-size="11" fill="#333">${esc(s.name)}</text>`,
      );
    });
  }
  if (c.kind === 'bar') {
    const left = 120,
      right = 90,
      rowH = 10 + 16 * k;
    width = 640;
    height = top + n * rowH + 30;
    const plot = width - left - right;
    const x = (v: number) => left + ((v - min) / (max - min)) * plot;
    for (const v of t) {
      parts.push(
        `<line x1="${x(v).toFixed(1)}" y1="${top}" x2="${x(v).toFixed(1)}" y2="${top + n * rowH}" stroke="#e0e0e0"/>`,
      );
      parts.push(
        `<text x="${x(v).toFixed(1)}" y="${top + n * rowH + 16}" font-size="11" text-anchor="middle" fill="#666">${esc(axisLabel(v, c.format))}</text>`,
      );
    }
    const barH = (rowH - 8) / k;
    c.categories.forEach((cat, i) => {
      const y = top + i * rowH + 4;
      parts.push(
        `<text x="${left - 6}" y="${y + rowH / 2}" font-size="12" text-anchor="end" fill="#333">${esc(cat)}</text>`,
      );
      c.series.forEach((s, j) => {
        const v = s.values[i];
        const x0 = x(Math.min(0, v));
        const yb = y + j * barH;
        parts.push(bar(x0, yb, x(Math.max(0, v)) - x0, barH - 1, i, j));
        parts.push(
          `<text x="${(x(Math.max(0, v)) + 4).toFixed(1)}" y="${(yb + barH / 2 + 4).toFixed(1)}" font-size="11" fill="#333">${esc(label(v))}</text>`,
        );
      });
    });
  } else {
    const left = 70,
      right = 20,
      bottom = 40,
      plotH = 220;
    width = Math.max(360, left + right + n * 64 * k);
    height = top + 12 + plotH + bottom;
    const plotTop = top + 12;
    const slot = (width - left - right) / Math.max(1, n);
    const y = (v: number) => plotTop + plotH - ((v - min) / (max - min)) * plotH;
    for (const v of t) {
      parts.push(
        `<line x1="${left}" y1="${y(v).toFixed(1)}" x2="${width - right}" y2="${y(v).toFixed(1)}" stroke="#e0e0e0"/>`,
      );
      parts.push(
        `<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" font-size="11" text-anchor="end" fill="#666">${esc(axisLabel(v, c.format))}</text>`,
      );
    }
    const barW = Math.min((slot * 0.7) / k, 44);
    c.categories.forEach((cat, i) => {
      const mid = left + (i + 0.5) * slot;
      c.series.forEach((s, j) => {
        const v = s.values[i];
        const x0 = mid - (barW * k) / 2 + j * barW;
        const yTop = y(Math.max(0, v));
        parts.push(bar(x0, yTop, barW - 1, y(Math.min(0, v)) - yTop, i, j));
        parts.push(
          `<text x="${(x0 + barW / 2).toFixed(1)}" y="${(yTop - 4).toFixed(1)}" font-size="10" text-anchor="middle" fill="#333">${esc(label(v))}</text>`,
        );
      });
      parts.push(
        `<text x="${mid.toFixed(1)}" y="${plotTop + plotH + 18}" font-size="11" text-anchor="middle" fill="#333">${esc(cat)}</text>`,
      );
    });
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="${esc(c.id)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(c.title)}">` +
    `<text x="10" y="20" font-size="14" font-weight="bold" fill="#1f4e78">${esc(c.title)}</text>${parts.join('')}</svg>`
  );
}

function tableHtml(sheet: ReportSheet, workbookName: string): string {
  const lay = layoutSheet(sheet);
  const out: string[] = [];
  sheet.tables.forEach((t, ti) => {
    out.push(`<h3>${esc(t.title)}</h3>`);
    if (t.rows.length > HTML_MAX_ROWS) {
      out.push(
        `<p class="note">共 ${t.rows.length} 行，请在 ${esc(workbookName)} 的“${esc(sheet.name)}”表中查看。</p>`,
      );
      return;
    }
    // The layout already knows each cell's format: read the rows under this table's header.
    const at = lay.tables[ti];
    const body = lay.rows.slice(at.header + 1, at.header + 1 + at.rows);
    const styles = lay.styles.slice(at.header + 1, at.header + 1 + at.rows);
    out.push(
      '<div class="scroll"><table><thead><tr>',
      ...t.columns.map((c) => `<th>${esc(c.header)}</th>`),
      '</tr></thead><tbody>',
    );
    body.forEach((cells, r) => {
      const total = styles[r][0]?.role === 'total';
      out.push(`<tr${total ? ' class="total"' : ''}>`);
      cells.forEach((v, c) => {
        const numeric = typeof v === 'number' || v === NOT_APPLICABLE;
        // A change is green when it is good news and red when it is bad, as in the workbook.
        const tone = toneOf(v, styles[r][c]?.format);
        const cls = [numeric ? 'num' : '', tone ?? ''].filter(Boolean).join(' ');
        out.push(`<td${cls ? ` class="${cls}"` : ''}>${esc(formatValue(v, styles[r][c]?.format))}</td>`);
      });
      out.push('</tr>');
    });
    out.push('</tbody></table></div>');
    if (t.note) out.push(`<p class="note">${esc(t.note)}</p>`);
  });
  return out.join('');
}

// The page uses the width it has (a wide monitor, or a manager's phone): tables too wide for a
// phone scroll sideways inside their own box instead of pushing the page out.
const CSS = `body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:24px;color:#222}
@media (max-width:600px){body{margin:12px}h1{font-size:19px}table{font-size:12px}th,td{padding:3px 5px}}
.scroll{overflow-x:auto;max-width:100%}
h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;color:#1f4e78;border-bottom:2px solid #ddebf7;padding-bottom:4px;margin-top:32px}
h3{font-size:15px;margin:18px 0 6px}.sub{color:#595959;margin:2px 0 12px}.note{color:#7f7f7f;font-style:italic}
table{border-collapse:collapse;margin:4px 0 12px;font-size:13px}th,td{border:1px solid #bfbfbf;padding:4px 8px}
th{background:#ddebf7}td.num{text-align:right;font-variant-numeric:tabular-nums}td.good{color:#1e7b34}td.bad{color:#c00000}tr.total td{font-weight:bold;background:#f2f2f2}
svg.chart{display:block;margin:8px 0 16px;max-width:100%;height:auto}`;

export function renderStatsHtml(report: Report, workbookName: string): string {
  const body: string[] = [];
  for (const sheet of report.sheets) {
    const charts = report.charts.filter((c) => c.sheet === sheet.name);
    if (DETAIL_SHEETS.has(sheet.name)) {
      const rows = sheet.tables.reduce((a, t) => a + t.rows.length, 0);
      body.push(
        `<h2>${esc(sheet.title)}</h2><p class="note">明细共 ${rows} 行，请在 ${esc(workbookName)} 的“${esc(sheet.name)}”表中查看。</p>`,
      );
      continue;
    }
    body.push(sheet === report.sheets[0] ? `<h1>${esc(sheet.title)}</h1>` : `<h2>${esc(sheet.title)}</h2>`);
    if (sheet.subtitle) body.push(`<p class="sub">${esc(sheet.subtitle)}</p>`);
    body.push(...charts.map(chartSvg));
    body.push(tableHtml(sheet, workbookName));
    for (const n of sheet.notes ?? []) body.push(`<p class="note">${esc(n)}</p>`);
  }
  return (
    `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(report.title)}</title><style>${CSS}</style></head><body>${body.join('\n')}</body></html>\n`
  );
}

/** Writes OUT.xlsx and OUT.html beside it; returns both paths. */
export async function writeStatsReport(xlsxPath: string, report: Report): Promise<string[]> {
  const htmlPath = xlsxPath.replace(/\.xlsx$/i, '') + '.html';
  const withNote: Report = {
    ...report,
    sheets: report.sheets.map((s, i) =>
      i === 0
        ? {
            ...s,
            notes: [...(s.notes ?? []), `同一份报告的网页版 ${path.basename(htmlPath)} 可在手机或浏览器中打开。`],
          }
        : s,
    ),
  };
  await writeStatsXlsx(xlsxPath, withNote);
  await fs.writeFile(htmlPath, renderStatsHtml(report, path.basename(xlsxPath)), 'utf8');
  return [xlsxPath, htmlPath];
}
