/** Failing to write an output file is the user's to fix (path, permissions, file open in Excel): one line, exit 2. */
import { InputError } from '../io/errors';

export function reportWriteError(file: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === 'ENOENT' || code === 'ENOTDIR'
      ? '所在文件夹不存在'
      : code === 'EACCES' || code === 'EPERM'
        ? '没有写入权限'
        : code === 'EBUSY'
          ? '文件正被其他程序（如 Excel）打开'
          : code === 'EISDIR'
            ? '这是一个文件夹'
            : (code ?? (err instanceof Error ? err.message : String(err)));
  return new InputError(file, `无法写入（${why}），请检查路径，或关闭正在打开该文件的程序后再试`);
}
