import { columnLetter } from '../grid';

/**
 * Every way a file can fail to become grids ends here, so the CLI can print one line
 * (`file: reason`) and exit 2 instead of showing a stack trace to a clerk.
 */
export class InputError extends Error {
  readonly file: string;
  readonly reason: string;

  /** `cause` keeps the underlying error (e.g. SheetJS's) for debugging; the clerk sees `message`. */
  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`${file}: ${reason}`, options);
    this.name = 'InputError';
    this.file = file;
    this.reason = reason;
  }
}

const MiB = 1024 * 1024;

function megabytes(bytes: number): string {
  return `${Math.round((bytes / MiB) * 10) / 10} MB`;
}

/** The reasons a clerk can see; each says what is wrong and what to do about it. */
export const reasons = {
  missing: '找不到该文件，请检查路径和文件名是否正确',
  notAFile: '这不是一个普通文件（可能是文件夹），请指定要读取的表格文件',
  unreadable: (detail: string) => `无法读取该文件（${detail}），请检查文件权限或是否被其他程序占用`,
  empty: '文件为空（0 字节），请确认导出或复制是否成功',
  tooLarge: (bytes: number, capBytes: number) =>
    `文件过大（${megabytes(bytes)}，上限 ${megabytes(capBytes)}），请拆分后再试，或用环境变量 INSDESK_MAX_FILE_MB 调高上限`,
  notSpreadsheet: '不是电子表格文件（支持 .xlsx、.xls、.csv）',
  htmlOrXml:
    '这是网页（HTML）或 XML 格式的“假 xls”文件，不是真正的 Excel 工作簿；请在 Excel 中打开并另存为 .xlsx 后再试',
  xlsb: '不支持 Excel 二进制工作簿（.xlsb），请在 Excel 中另存为 .xlsx 后再试',
  truncated: '文件不完整或已损坏（可能下载或复制时被截断），请重新导出或重新复制该文件',
  corrupt: '无法解析文件内容（文件已损坏或不是 Excel 能打开的格式），请在 Excel 中打开并另存为 .xlsx 后再试',
  encrypted: '文件已加密（设置了打开密码），请在 Excel 中取消密码后再试',
  zipBomb: '文件疑似压缩炸弹（解压后体积异常），已拒绝读取',
  tooManyEntries: (count: number, cap: number) =>
    `文件内部条目过多（${count} 个，上限 ${cap} 个），不像正常的 Excel 工作簿，已拒绝读取`,
  unsupportedZip: '文件使用了不支持的压缩方式，请在 Excel 中另存为 .xlsx 后再试',
  hugeMerges: (sheet: string) => `工作表“${sheet}”的合并单元格范围异常（相互重叠或过大），请在 Excel 中取消合并后再试`,
  beyondGrid: (sheet: string) =>
    `工作表“${sheet}”含有超出 Excel 表格范围的单元格，文件已损坏；请在 Excel 中打开并另存为 .xlsx 后再试`,
  sheetUnreadable: (sheet: string) => `工作表“${sheet}”无法读取（内容已损坏），请在 Excel 中打开并另存为 .xlsx 后再试`,
  ods: '这是 OpenDocument 表格（.ods），请在 WPS 或 Excel 中另存为 .xlsx 后再试',
  damagedPart: (part: string) =>
    `文件已损坏（内部部件 ${part} 校验失败，可能下载或复制时出错），请重新导出或重新复制该文件`,
  malformedPart: (part: string, why: string) =>
    `文件已损坏（内部部件 ${part} 不是完整的 XML：${why}），请重新导出，或在 Excel 中打开并另存为 .xlsx 后再试`,
  badCell: (sheet: string, row: number, col: number, what: string) =>
    `文件已损坏（工作表“${sheet}”的 ${col >= 0 ? columnLetter(col) : ''}${row + 1} 单元格${what}），请重新导出，或在 Excel 中打开并另存为 .xlsx 后再试`,
  tooManySheets: (count: number, cap: number) =>
    `工作表过多（${count} 个，上限 ${cap} 个），不像正常的台账，已拒绝读取`,
  tooManyCells: (cap: number) => `单元格过多（超过 ${cap} 个有内容的单元格），请拆分后再试`,
  tooMuchText: (cap: number) => `文字内容过多（超过 ${Math.round(cap / MiB)} M 个字符），请拆分后再试`,
  textNotCsv: (ext: string) =>
    `文件名是 ${ext}，内容却是纯文本，不是电子表格；如果它是 CSV，请把扩展名改为 .csv 后再试`,
  csvTooWide: (line: number, cols: number) =>
    `第 ${line} 行有 ${cols} 列，超过 Excel 的上限 16384 列，不像正常的 CSV，已拒绝读取`,
  csvTooLong: (cap: number) => `CSV 超过 ${cap} 行（Excel 的上限），请拆分后再试`,
  csvQuote: (line: number) => `第 ${line} 行开始的引号没有结束（CSV 格式错误），请检查该行的双引号是否成对`,
  /** Used with the variable's name in place of a file name. */
  badMaxFileMb: (value: string) => `环境变量应为正数（单位 MB），当前为“${value}”`,
} as const;
