/**
 * Lint: JavaScript's and typescript-eslint's recommended rules, Microsoft's Office add-in rules
 * (eslint-plugin-office-addins), and the layers of the code as rules, so an import that
 * crosses a layer fails here rather than in review. Formatting is prettier's (`npm run lint`
 * checks it too), so eslint-config-prettier switches off every style rule.
 */
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const officeAddins = require('eslint-plugin-office-addins');
const prettier = require('eslint-config-prettier');
const globals = require('globals');

/** Import patterns a folder must not use, with the reason shown in the error. */
const forbid = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

/** Office.js calls that belong in taskpane/excel/ only: one place batches and chunks them. */
const OFFICE_CALLS = [
  {
    selector: "CallExpression[callee.object.name='Excel'][callee.property.name='run']",
    message: 'Excel.run belongs in taskpane/excel/.',
  },
  {
    selector: "CallExpression[callee.property.name='sync']",
    message: 'context.sync() belongs in taskpane/excel/ (use its batch helpers).',
  },
];

function officeAddinRules() {
  const rules = {};
  for (const config of officeAddins.configs.recommended) {
    for (const [name, level] of Object.entries(config.rules ?? {}))
      if (name.startsWith('office-addins/')) rules[name] = level;
  }
  return rules;
}

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/out/**', 'test/artifacts/**', 'insdesk-demo/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The Office add-in rules of the plugin's recommended config (its other parts repeat the
  // configs above with a typescript-eslint of its own).
  // Only where Office.js is used: they would misread exceljs objects and the fake's own tests.
  {
    files: ['taskpane/**/*.ts', 'commands/**/*.ts', 'functions/**/*.ts'],
    plugins: { 'office-addins': officeAddins },
    rules: officeAddinRules(),
  },
  prettier,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Node scripts (bin/, bench/, webpack) are CommonJS.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: forbid(
      ['**/taskpane/**', '**/commands/**', '**/functions/**'],
      'src/ is the engine: it never imports the add-in.',
    ),
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/io/**', 'src/cli/**'],
    rules: forbid(
      [
        '**/taskpane/**',
        '**/commands/**',
        '**/functions/**',
        '**/io/**',
        '**/cli/**',
        'node:*',
        'exceljs',
        'xlsx',
        'commander',
      ],
      'The engine runs in the browser too: files and Node belong in src/io and src/cli.',
    ),
  },
  {
    files: ['commands/**/*.ts', 'taskpane/**/*.ts', 'functions/**/*.ts', 'src/**/*.ts'],
    ignores: ['taskpane/excel/**'],
    rules: { 'no-restricted-syntax': ['error', ...OFFICE_CALLS] },
  },
);
