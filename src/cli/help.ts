/**
 * `insdesk --help` and each command's help in Chinese: commander's layout (usage, description,
 * arguments, options, commands) with Chinese headings and placeholders, wrapped by display
 * width — a Chinese character takes two columns, and a Chinese sentence may break anywhere,
 * not only at spaces.
 */
import type { Command, Help } from 'commander';
import { textWidth } from '../sheetOut';

const INDENT = 2;
const GAP = 2;

/** commander's English placeholders and annotations, as a clerk reads them. */
const chinese = (text: string): string =>
  text
    .replace(/\[options\]/g, '[选项]')
    .replace(/\[command\]/g, '<命令>')
    .replace(/\s*\(default: ([^)]*)\)/g, '（默认: $1）')
    .replace(/\s*\(choices: ([^)]*)\)/g, '（可选: $1）');

/** Chinese punctuation never starts a line: it stays at the end of the one before. */
const CLOSING = /^[，。、）：；！？”』」]$/;

/** Breaks `text` into lines of at most `width` columns: at a space, or between two Chinese characters. */
export function wrapByWidth(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line: string[] = [];
    let used = 0;
    // Words of Latin text stay whole; each CJK character is a word of its own.
    for (const token of paragraph.match(/[\u2e80-\uffff]|[^\s\u2e80-\uffff]+|\s+/g) ?? []) {
      const w = textWidth(token);
      if (used + w > width && line.join('').trim()) {
        // Chinese punctuation never starts a line: the word before it moves down with it.
        const carried = CLOSING.test(token) && line.length > 1 ? line.splice(-1) : [];
        lines.push(line.join('').trimEnd());
        line = carried;
        used = textWidth(carried.join(''));
        if (!token.trim()) continue;
      }
      line.push(token);
      used += w;
    }
    lines.push(line.join('').trimEnd());
  }
  return lines;
}

export function formatChineseHelp(cmd: Command, helper: Help): string {
  const width = Math.max(40, helper.helpWidth ?? 80);
  const items = (pairs: [string, string][]): string[] => {
    const termWidth = Math.max(0, ...pairs.map(([t]) => textWidth(t)));
    const out: string[] = [];
    for (const [term, description] of pairs) {
      const pad = ' '.repeat(termWidth - textWidth(term) + GAP);
      const room = width - INDENT - termWidth - GAP;
      // A description too long for the room beside its term goes on the lines below it.
      if (room < 20) {
        out.push(' '.repeat(INDENT) + term);
        for (const l of wrapByWidth(description, width - INDENT * 2)) out.push(' '.repeat(INDENT * 2) + l);
        continue;
      }
      const lines = description ? wrapByWidth(description, room) : [''];
      out.push(' '.repeat(INDENT) + term + (description ? pad + lines[0] : ''));
      for (const l of lines.slice(1)) out.push(' '.repeat(INDENT + termWidth + GAP) + l);
    }
    return out;
  };
  const out = [`用法: ${chinese(helper.commandUsage(cmd))}`, ''];
  const description = helper.commandDescription(cmd);
  if (description) out.push(...wrapByWidth(description, width), '');
  const section = (title: string, pairs: [string, string][]) => {
    if (pairs.length) out.push(title, ...items(pairs), '');
  };
  section(
    '参数:',
    helper.visibleArguments(cmd).map((a) => [helper.argumentTerm(a), chinese(helper.argumentDescription(a))]),
  );
  section(
    '选项:',
    helper.visibleOptions(cmd).map((o) => [helper.optionTerm(o), chinese(helper.optionDescription(o))]),
  );
  section(
    '命令:',
    helper.visibleCommands(cmd).map((c) => [chinese(helper.subcommandTerm(c)), helper.subcommandDescription(c)]),
  );
  if (helper.visibleCommands(cmd).length) out.push('用 insdesk <命令> --help 查看某个命令的用法。', '');
  return out.join('\n');
}
