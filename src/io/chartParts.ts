/**
 * Native Excel charts, added to a package exceljs wrote (exceljs writes none): a drawing part
 * per sheet anchoring each chart over its cells, and a DrawingML bar chart per chart reading
 * its numbers from the data block beside it — with the values cached too, so Excel, WPS and
 * LibreOffice draw it before any recalculation.
 */
import JSZip from 'jszip';
import { columnLetter } from '../grid';
import { REPORT_FONT } from '../page';
import type { ChartBlock } from '../tasks/stats/print';
import { relsPathOf, sheetPaths, xmlEscape } from './upgradeZip';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const DRAWING_CT = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const CHART_CT = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const C_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const XDR_NS = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const EMPTY_RELS = `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
const COLOURS = ['4F81BD', 'C0504D', '9BBB59', '8064A2'];

export interface SheetCharts {
  sheet: string;
  blocks: readonly ChartBlock[];
}

/** Number formats of the axis and labels: whole yuan, percentages with one decimal. */
const labelFormat = (f: string): string => (f === 'rate' ? '0.0%' : '#,##0');

const font = (size: number, bold = false) =>
  `<a:defRPr sz="${size}" b="${bold ? 1 : 0}"><a:latin typeface="${REPORT_FONT}"/><a:ea typeface="${REPORT_FONT}"/></a:defRPr>`;

const rich = (text: string, size: number, bold: boolean) =>
  `<c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${font(size, bold)}</a:pPr><a:r><a:rPr lang="zh-CN" sz="${size}" b="${bold ? 1 : 0}"><a:latin typeface="${REPORT_FONT}"/><a:ea typeface="${REPORT_FONT}"/></a:rPr><a:t>${xmlEscape(text)}</a:t></a:r></a:p></c:rich>`;

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

function chartXml(block: ChartBlock, sheet: string): string {
  const { chart, row } = block;
  const n = chart.categories.length;
  const ref = (col: number, from: number, to = from) =>
    xmlEscape(
      `${quoteSheet(sheet)}!$${columnLetter(col)}$${from + 1}` + (to > from ? `:$${columnLetter(col)}$${to + 1}` : ''),
    );
  const fmt = labelFormat(chart.format);
  const cats = chart.categories.map((c, i) => `<c:pt idx="${i}"><c:v>${xmlEscape(c)}</c:v></c:pt>`).join('');
  const series = chart.series
    .map((s, i) => {
      const points = s.values
        .map((v, k) => (Number.isFinite(v) ? `<c:pt idx="${k}"><c:v>${v}</c:v></c:pt>` : ''))
        .join('');
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:strRef><c:f>${ref(i + 1, row)}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${xmlEscape(s.name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
        `<c:spPr><a:solidFill><a:srgbClr val="${COLOURS[i % COLOURS.length]}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>` +
        `<c:dLbls><c:numFmt formatCode="${fmt}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` +
        `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${font(800)}</a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>` +
        '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>' +
        `<c:cat><c:strRef><c:f>${ref(0, row + 1, row + n)}</c:f><c:strCache><c:ptCount val="${n}"/>${cats}</c:strCache></c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${ref(i + 1, row + 1, row + n)}</c:f><c:numCache><c:formatCode>${fmt}</c:formatCode><c:ptCount val="${n}"/>${points}</c:numCache></c:numRef></c:val>` +
        '</c:ser>'
      );
    })
    .join('');
  const horizontal = chart.kind === 'bar';
  const legend = chart.series.length > 1 ? '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' : '';
  return (
    XML_HEAD +
    `<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${REL}"><c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx>${rich(chart.title, 1200, true)}</c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/><c:barChart><c:barDir val="${horizontal ? 'bar' : 'col'}"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    `${series}<c:gapWidth val="80"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>` +
    `<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${horizontal ? 'l' : 'b'}"/>` +
    '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>' +
    '<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
    `<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${horizontal ? 'b' : 'l'}"/>` +
    `<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="E0E0E0"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>` +
    `<c:numFmt formatCode="${fmt}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    '<c:crossAx val="1001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx></c:plotArea>' +
    `${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${font(900)}</a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>` +
    '</c:chartSpace>'
  );
}

/** The drawing of one sheet: each chart anchored over its cells, pointing at chart rIdN. */
function drawingXml(blocks: readonly ChartBlock[]): string {
  const anchor = (b: ChartBlock, i: number) => {
    const at = (tag: string, col: number, row: number) =>
      `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
    return (
      '<xdr:twoCellAnchor editAs="oneCell">' +
      at('from', b.from.col, b.from.row) +
      // The anchor's end is the corner after the last covered cell.
      at('to', b.to.col + 1, b.to.row + 1) +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${xmlEscape(b.chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${C_NS}"><c:chart xmlns:c="${C_NS}" xmlns:r="${REL}" r:id="rId${i + 1}"/></a:graphicData></a:graphic>` +
      '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>'
    );
  };
  return `${XML_HEAD}<xdr:wsDr xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}">${blocks.map(anchor).join('')}</xdr:wsDr>`;
}

/** Adds every sheet's charts to the package; a package without charts comes back as it was. */
export async function addCharts(bytes: Uint8Array, sheets: readonly SheetCharts[]): Promise<Uint8Array> {
  const withCharts = sheets.filter((s) => s.blocks.length);
  if (!withCharts.length) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  const paths = await sheetPaths(zip);
  let types = await zip.file('[Content_Types].xml')!.async('string');
  const override = (part: string, ct: string) => {
    types = types.replace('</Types>', `<Override PartName="/${part}" ContentType="${ct}"/></Types>`);
  };
  let chartNo = 0;
  for (const [d, { sheet, blocks }] of withCharts.entries()) {
    const path = paths.get(sheet);
    if (!path) throw new Error(`sheet ${sheet} is not in the package`);
    const drawing = `xl/drawings/insdeskDrawing${d + 1}.xml`;
    const drawingRels: string[] = [];
    blocks.forEach((b, i) => {
      const part = `xl/charts/insdeskChart${++chartNo}.xml`;
      zip.file(part, chartXml(b, sheet));
      override(part, CHART_CT);
      drawingRels.push(
        `<Relationship Id="rId${i + 1}" Type="${REL}/chart" Target="../charts/insdeskChart${chartNo}.xml"/>`,
      );
    });
    zip.file(drawing, drawingXml(blocks));
    override(drawing, DRAWING_CT);
    zip.file(relsPathOf(drawing), EMPTY_RELS.replace('</Relationships>', `${drawingRels.join('')}</Relationships>`));

    const relsPath = relsPathOf(path);
    const rels = (await zip.file(relsPath)?.async('string')) ?? EMPTY_RELS;
    zip.file(
      relsPath,
      rels.replace(
        '</Relationships>',
        `<Relationship Id="rIdInsdeskDrawing" Type="${REL}/drawing" Target="../drawings/insdeskDrawing${d + 1}.xml"/></Relationships>`,
      ),
    );
    let xml = await zip.file(path)!.async('string');
    // <drawing> comes after the page setup and before legacyDrawing, tableParts and extLst (CT_Worksheet order).
    const before = ['<legacyDrawing', '<tableParts', '<extLst', '</worksheet>'].find((t) => xml.includes(t))!;
    xml = xml.replace(before, `<drawing r:id="rIdInsdeskDrawing"/>${before}`);
    if (!/\sxmlns:r=/.test(xml.slice(0, 1000))) xml = xml.replace('<worksheet ', `<worksheet xmlns:r="${REL}" `);
    zip.file(path, xml);
  }
  zip.file('[Content_Types].xml', types);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
