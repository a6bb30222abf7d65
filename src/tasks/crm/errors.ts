/**
 * A run that cannot start (no renewal list, a bad profile, an empty specialist list, a
 * look-up file without a phone column): the message is the one line a clerk sees; the CLI
 * prefixes the file when there is one and exits 2.
 */
export class CrmError extends Error {
  readonly file?: string;

  constructor(message: string, file?: string) {
    super(message);
    this.name = 'CrmError';
    if (file !== undefined) this.file = file;
  }
}
