/**
 * The engine's public API for the add-in and library users: grids in, typed rows, findings
 * and result grids out. Nothing here touches the file system or the terminal (src/io and
 * src/cli stay out), so it bundles for the task pane as it is.
 */
export * from './grid';
export * from './findings';
export * from './ledgers';
export * from './ledgers/renewal';
export * from './ledgers/issuance';
export * from './ledgers/claims';
export * from './ledgers/contracts';
export * from './ledgers/attendance';
export * from './ledgers/settings';
export * from './rules';
export * from './read/coerce';
export * from './read/headers';
export * from './read/table';
export * from './read/sheets';
export * from './tasks/validate';
