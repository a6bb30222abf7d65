/**
 * Excel tables, written into the package after exceljs has written everything else. exceljs
 * writes tables that Excel repairs (every column gets `hiddenButton="1"`, exceljs issue 2184),
 * reads an Excel table without `headerRowCount` as header-less and so destroys it on save
 * (issue 2277), drops calculated column formulas and escapes no line breaks in column names.
 * So exceljs writes no table at all, and this module adds each one as Excel writes it.
 */
import JSZip from 'jszip';

export interface TableOut {
  sheet: string;
  name: string;
  /** A1 range, header row included. */
  ref: string;
  columns: { name: string; formula?: string }[];
  style?: string;
  showRowStripes?: boolean;
}

/** A table of the input kept as it was (its XML), for sheets the upgrade does not touch. */
export interface TableKept {
  sheet: string;
  xml: string;
}

const TABLE_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table';
const TABLE_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** XML attribute/text escaping; line breaks and tabs as character references so they survive attribute normalisation. */
export function xmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

export function xmlUnescape(s: string): string {
  return s.replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()];
  });
}

export function tableXml(t: TableOut, id: number): string {
  const cols = t.columns
    .map((c, i) => {
      const open = `<tableColumn id="${i + 1}" name="${xmlEscape(c.name)}"`;
      return c.formula
        ? `${open}><calculatedColumnFormula>${xmlEscape(c.formula)}</calculatedColumnFormula></tableColumn>`
        : `${open}/>`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="${MAIN_NS}" id="${id}" name="${xmlEscape(t.name)}" displayName="${xmlEscape(t.name)}" ref="${t.ref}" totalsRowShown="0">` +
    `<autoFilter ref="${t.ref}"/><tableColumns count="${t.columns.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="${t.style ?? 'TableStyleLight9'}" showFirstColumn="0" showLastColumn="0" showRowStripes="${t.showRowStripes === false ? 0 : 1}" showColumnStripes="0"/></table>`
  );
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? xmlUnescape(m[1]) : undefined;
};

/** The parts of an input table that matter for keeping or replacing it. */
export interface TableIn {
  sheet: string;
  name: string;
  ref: string;
  headerRow: boolean;
  style?: string;
  /** Calculated column formulas by column name. */
  formulas: Record<string, string>;
  xml: string;
}

/** Sheet name → its part's path in the package. */
export async function sheetPaths(zip: JSZip): Promise<Map<string, string>> {
  const wb = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const rid = attr(m[0], 'r:id');
    const path = rid ? targets.get(rid) : undefined;
    if (name && path) out.set(name, path);
  }
  return out;
}

export const relsPathOf = (sheetPath: string) => sheetPath.replace(/([^/]+)$/, '_rels/$1.rels');

function resolveTarget(sheetPath: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = sheetPath.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  return parts.join('/');
}

/** Every table of an .xlsx package, read straight from its XML (exceljs cannot be trusted with them). */
export async function readTables(bytes: Buffer): Promise<TableIn[]> {
  const zip = await JSZip.loadAsync(bytes);
  const out: TableIn[] = [];
  for (const [sheet, path] of await sheetPaths(zip)) {
    const rels = await zip.file(relsPathOf(path))?.async('string');
    if (!rels) continue;
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      if (attr(m[0], 'Type') !== TABLE_TYPE) continue;
      const xml = await zip.file(resolveTarget(path, attr(m[0], 'Target') ?? ''))?.async('string');
      const open = xml ? /<table\b[^>]*>/.exec(xml) : null;
      if (!xml || !open) continue;
      const formulas: Record<string, string> = {};
      for (const c of xml.matchAll(/<tableColumn\b([^>]*?)(?:\/>|>([\s\S]*?)<\/tableColumn>)/g)) {
        const f = c[2] ? /<calculatedColumnFormula[^>]*>([\s\S]*?)<\/calculatedColumnFormula>/.exec(c[2]) : null;
        const name = attr(`<x ${c[1]}>`, 'name');
        if (f && name !== undefined) formulas[name] = xmlUnescape(f[1]);
      }
      const style = /<tableStyleInfo\b[^>]*>/.exec(xml);
      out.push({
        sheet,
        name: attr(open[0], 'name') ?? '',
        ref: attr(open[0], 'ref') ?? '',
        // headerRowCount is 1 when absent: exceljs reads absent as 0 (issue 2277).
        headerRow: attr(open[0], 'headerRowCount') !== '0',
        style: style ? attr(style[0], 'name') : undefined,
        formulas,
        xml,
      });
    }
  }
  return out;
}

/** A kept table's XML with a new id, and without style ids that pointed into the input's styles.xml. */
function keptXml(xml: string, id: number): string {
  return xml
    .replace(/(<table\b[^>]*?\s)id="\d+"/, `$1id="${id}"`)
    .replace(
      /\s(?:dataDxfId|headerRowDxfId|totalsRowDxfId|headerRowBorderDxfId|tableBorderDxfId|totalsRowBorderDxfId|headerRowCellStyle|dataCellStyle|totalsRowCellStyle)="[^"]*"/g,
      '',
    );
}

/** Adds the tables to a package exceljs wrote (which holds none). */
export async function addTables(bytes: Buffer, tables: readonly (TableOut | TableKept)[]): Promise<Buffer> {
  if (!tables.length) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  const paths = await sheetPaths(zip);
  let types = await zip.file('[Content_Types].xml')!.async('string');
  const bySheet = new Map<string, string[]>();
  tables.forEach((t, i) => {
    const id = i + 1;
    const file = `xl/tables/table${id}.xml`;
    zip.file(file, 'xml' in t ? keptXml(t.xml, id) : tableXml(t, id));
    types = types.replace('</Types>', `<Override PartName="/${file}" ContentType="${TABLE_CT}"/></Types>`);
    bySheet.set(t.sheet, [...(bySheet.get(t.sheet) ?? []), `table${id}.xml`]);
  });
  zip.file('[Content_Types].xml', types);
  for (const [sheet, files] of bySheet) {
    const path = paths.get(sheet);
    if (!path) throw new Error(`sheet ${sheet} is not in the package`);
    const relsPath = relsPathOf(path);
    let rels =
      (await zip.file(relsPath)?.async('string')) ??
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    const parts = files.map((f, i) => {
      const rid = `rIdInsdeskTable${i + 1}`;
      rels = rels.replace(
        '</Relationships>',
        `<Relationship Id="${rid}" Type="${TABLE_TYPE}" Target="../tables/${f}"/></Relationships>`,
      );
      return `<tablePart r:id="${rid}"/>`;
    });
    zip.file(relsPath, rels);
    let xml = await zip.file(path)!.async('string');
    const tableParts = `<tableParts count="${parts.length}">${parts.join('')}</tableParts>`;
    // tableParts comes last but for extLst (CT_Worksheet order).
    xml = xml.includes('<extLst')
      ? xml.replace('<extLst', `${tableParts}<extLst`)
      : xml.replace('</worksheet>', `${tableParts}</worksheet>`);
    if (!/\sxmlns:r=/.test(xml.slice(0, 1000))) {
      xml = xml.replace(
        '<worksheet ',
        '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ',
      );
    }
    zip.file(path, xml);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
