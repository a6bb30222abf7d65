/** The Excel fake must fail where Office.js fails, or the adapter tests prove nothing. */
import { FakeOfficeError, FakeWorkbook, run } from './fakeExcel';
import { a1 } from './fakeState';

const code = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof FakeOfficeError) return e.code;
    throw e;
  }
  throw new Error('expected a failure');
};

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof FakeOfficeError) return e.code;
    throw e;
  }
  throw new Error('expected a failure');
};

describe('proxies', () => {
  test('a property is readable only after load and sync', async () => {
    const book = new FakeWorkbook({ 台账: [['保单号'], ['P001']] });
    await run(book, async (context) => {
      const range = context.workbook.worksheets.getItem('台账').getRange('A1:A2');
      expect(codeOf(() => range.values)).toBe('PropertyNotLoaded');
      range.load('values');
      expect(codeOf(() => range.values)).toBe('PropertyNotLoaded');
      const pending = context.sync();
      // Not even between the call and its completion.
      expect(codeOf(() => range.values)).toBe('PropertyNotLoaded');
      await pending;
      expect(range.values).toEqual([['保单号'], ['P001']]);
      expect(codeOf(() => range.address)).toBe('PropertyNotLoaded');
    });
  });

  test('writes are queued and applied in order at sync', async () => {
    const book = new FakeWorkbook({ S: [['old']] });
    await run(book, async (context) => {
      const sheet = context.workbook.worksheets.getItem('S');
      sheet.getRange('A1').values = [['new']];
      sheet.getRange('B1').values = [['=A1']];
      expect(book.values('S', 'A1:B1')).toEqual([['old', '']]);
      await context.sync();
      expect(book.values('S', 'A1')).toEqual([['new']]);
      expect(book.formulas('S', 'B1')).toEqual([['=A1']]);
    });
  });

  test('a failing operation fails the sync: earlier operations stay applied, later ones are dropped', async () => {
    const book = new FakeWorkbook({ S: [] });
    await run(book, async (context) => {
      const sheet = context.workbook.worksheets.getItem('S');
      sheet.getRange('A1').values = [['first']];
      sheet.getRange('A2:B2').values = [['only one']];
      sheet.getRange('A3').values = [['never']];
      expect(await code(context.sync())).toBe('InvalidArgument');
      expect(book.values('S', 'A1:A3')).toEqual([['first'], [''], ['']]);
      expect(context.pending).toBe(0);
    });
  });

  test('the shape of a written array must match its range', async () => {
    const book = new FakeWorkbook({ S: [] });
    const attempt = (address: string, values: unknown[][]) =>
      code(
        run(book, async (context) => {
          context.workbook.worksheets.getItem('S').getRange(address).values = values;
        }),
      );
    expect(await attempt('A1:B2', [[1, 2]])).toBe('InvalidArgument');
    expect(await attempt('A1:B2', [[1, 2], [3]])).toBe('InvalidArgument');
    expect(await attempt('A1', [[1, 2]])).toBe('InvalidArgument');
    await run(book, async (context) => {
      const range = context.workbook.worksheets.getItem('S').getRange('A1:B2');
      range.numberFormat = [
        ['@', '0.00'],
        [null, null],
      ];
    });
    expect(book.sheet('S').numberFormats.get(0, 1)).toBe('0.00');
  });

  test('a missing worksheet fails at sync; getItemOrNullObject reports isNullObject after sync', async () => {
    const book = new FakeWorkbook({ S: [] });
    await run(book, async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject('不存在');
      const present = context.workbook.worksheets.getItemOrNullObject('s');
      expect(codeOf(() => missing.isNullObject)).toBe('PropertyNotLoaded');
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      context.workbook.worksheets.getItem('不存在').getRange('A1').values = [[1]];
      expect(await code(context.sync())).toBe('ItemNotFound');
    });
  });

  test('objects cannot cross request contexts', async () => {
    const book = new FakeWorkbook({
      S: [
        ['a', 'b'],
        [1, 2],
      ],
    });
    const range = await run(book, async (context) => context.workbook.worksheets.getItem('S').getRange('A1:B2'));
    await run(book, async (context) => {
      expect(codeOf(() => context.workbook.worksheets.getItem('S').tables.add(range as never, true))).toBe(
        'InvalidRequestContext',
      );
    });
  });
});

describe('requests', () => {
  test('every sync is counted with the byte size of its request', async () => {
    const book = new FakeWorkbook({ S: [] });
    await run(book, async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A1').values = [['保险']];
      await context.sync();
      await context.sync();
    });
    expect(book.syncCount).toBe(2);
    expect(book.requestBytes[0]).toBeGreaterThan(Buffer.byteLength('"保险"'));
    expect(book.requestBytes[1]).toBe(2); // an empty request: []
    expect(book.maxRequestBytes).toBe(book.requestBytes[0]);
    expect(book.syncs[0].ops).toEqual(['set Range.values']);
  });

  test('run() sends what the batch left queued', async () => {
    const book = new FakeWorkbook({ S: [] });
    await run(book, async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A1').values = [[1]];
    });
    expect(book.syncCount).toBe(1);
    expect(book.values('S', 'A1')).toEqual([[1]]);
  });

  test('a request over 5 MB fails and changes nothing', async () => {
    const book = new FakeWorkbook({ S: [] });
    const big = Array.from({ length: 60_000 }, (_, i) => [`保单号码很长的一行文字-${i}-${'x'.repeat(40)}`]);
    expect(
      await code(
        run(book, async (context) => {
          context.workbook.worksheets.getItem('S').getRange(`A1:A${big.length}`).values = big;
        }),
      ),
    ).toBe('RequestPayloadSizeLimitExceeded');
    expect(book.requestBytes[0]).toBeGreaterThan(5_000_000);
    expect(book.values('S', 'A1')).toEqual([['']]);
  });

  test('a response over 5 MB fails', async () => {
    const long = 'x'.repeat(100);
    const book = new FakeWorkbook({ S: Array.from({ length: 60_000 }, () => [long]) });
    expect(
      await code(
        run(book, async (context) => {
          context.workbook.worksheets.getItem('S').getRange('A1:A60000').load('values');
          await context.sync();
        }),
      ),
    ).toBe('ResponsePayloadSizeLimitExceeded');
  });

  test('a range read over 5 million cells fails', async () => {
    const book = new FakeWorkbook({ S: [] });
    expect(
      await code(
        run(book, async (context) => {
          context.workbook.worksheets.getItem('S').getRange('A1:E1000001').load('values');
          await context.sync();
        }),
      ),
    ).toBe('RangeExceedsLimit');
  });
});

describe('values are taken like typed input', () => {
  test('numbers, dates, booleans and formulas are recognised; a quote prefix keeps text', async () => {
    const book = new FakeWorkbook({ S: [] });
    await run(book, async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A1:H1').values = [
        ['13812345678', "'13812345678", '2026-10-05', 'true', '=1+1', '+86 138', "'=1+1", '0012'],
      ];
    });
    expect(book.values('S', 'A1:H1')).toEqual([[13812345678, '13812345678', 46300, true, '', '', '=1+1', 12]]);
    expect(book.formulas('S', 'E1:F1')).toEqual([['=1+1', '=+86 138']]);
    expect(book.sheet('S').numberFormats.get(0, 2)).toBe('yyyy/m/d');
  });

  test('null leaves a cell alone and an empty string clears it; a Date object is refused', async () => {
    const book = new FakeWorkbook({ S: [['keep', 'clear']] });
    await run(book, async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A1:B1').values = [[null, '']];
    });
    expect(book.values('S', 'A1:B1')).toEqual([['keep', '']]);
    expect(
      await code(
        run(book, async (context) => {
          context.workbook.worksheets.getItem('S').getRange('A1').values = [[new Date()]];
        }),
      ),
    ).toBe('InvalidArgument');
  });

  test('the 1904 date system shifts serials', async () => {
    const book = new FakeWorkbook({ S: [] }, { date1904: true });
    await run(book, async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A1').values = [['1904-01-02']];
      const epoch = context.workbook.functions.date(1904, 1, 1).load('value');
      await context.sync();
      expect(epoch.value).toBe(0);
    });
    expect(book.values('S', 'A1')).toEqual([[1]]);
  });
});

describe('worksheets', () => {
  test('names are unique ignoring case, at most 31 characters, without []:*?/\\', async () => {
    const book = new FakeWorkbook({ 台账: [] });
    const add = (name: string) => code(run(book, async (context) => void context.workbook.worksheets.add(name)));
    expect(await add('台账')).toBe('ItemAlreadyExists');
    expect(await add('a'.repeat(32))).toBe('InvalidArgument');
    expect(await add('a/b')).toBe('InvalidArgument');
    await run(book, async (context) => void context.workbook.worksheets.add('Sheet'));
    expect(await add('SHEET')).toBe('ItemAlreadyExists');
  });

  test('the last visible worksheet cannot be deleted; a deleted sheet cannot be used', async () => {
    const book = new FakeWorkbook({ A: [], B: [] });
    expect(
      await code(
        run(book, async (context) => {
          context.workbook.worksheets.getItem('A').delete();
          context.workbook.worksheets.getItem('B').delete();
        }),
      ),
    ).toBe('InvalidOperation');
    expect(book.sheetNames).toEqual(['B']);
    await run(book, async (context) => {
      const b = context.workbook.worksheets.getItem('B');
      const added = context.workbook.worksheets.add('C');
      await context.sync();
      b.delete();
      await context.sync();
      b.getRange('A1').values = [[1]];
      expect(await code(context.sync())).toBe('InvalidObjectPath');
      added.name = 'D';
    });
    expect(book.sheetNames).toEqual(['D']);
  });

  test('collections load their items', async () => {
    const book = new FakeWorkbook({ A: [], B: [] });
    await run(book, async (context) => {
      const sheets = context.workbook.worksheets;
      expect(codeOf(() => sheets.items)).toBe('PropertyNotLoaded');
      sheets.load('items/name, items/position');
      await context.sync();
      expect(sheets.items.map((s) => [s.name, s.position])).toEqual([
        ['A', 0],
        ['B', 1],
      ]);
      expect(codeOf(() => sheets.items[0].visibility)).toBe('PropertyNotLoaded');
    });
  });

  test('the used range can start anywhere and an empty sheet has none', async () => {
    const book = new FakeWorkbook({ S: [[], [null, null, 'x'], [null, 'y']], E: [] });
    await run(book, async (context) => {
      const used = context.workbook.worksheets.getItem('S').getUsedRange(true).load('address');
      const none = context.workbook.worksheets.getItem('E').getUsedRangeOrNullObject(true);
      await context.sync();
      expect(used.address).toBe('S!B2:C3');
      expect(none.isNullObject).toBe(true);
    });
  });
});

describe('objects Excel limits', () => {
  test('data validation: one rule kind, inline lists up to 255 characters, short alert texts', async () => {
    const book = new FakeWorkbook({ S: [] });
    const set = (f: (dv: Excel.DataValidation) => void) =>
      code(
        run(book, async (context) =>
          f(
            context.workbook.worksheets.getItem('S').getRange('A2:A9')
              .dataValidation as unknown as Excel.DataValidation,
          ),
        ),
      );
    expect(await set((dv) => (dv.rule = { list: { inCellDropDown: true, source: 'x,'.repeat(130) } }))).toBe(
      'InvalidArgument',
    );
    expect(
      await set(
        (dv) =>
          (dv.rule = {
            list: { inCellDropDown: true, source: 'a' },
            decimal: { formula1: 0, operator: 'GreaterThan' },
          }),
      ),
    ).toBe('InvalidArgument');
    expect(
      await set((dv) => (dv.errorAlert = { title: '标'.repeat(33), message: 'm', showAlert: true, style: 'Stop' })),
    ).toBe('InvalidArgument');
    await run(book, async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A2:A9').dataValidation.rule = {
        list: { inCellDropDown: true, source: '=设置!$D$2:$D$99' },
      };
    });
    expect(book.sheet('S').validations[0].rule).toEqual({ list: { inCellDropDown: true, source: '=设置!$D$2:$D$99' } });
  });

  test('tables may not overlap; table and defined names share one namespace', async () => {
    const book = new FakeWorkbook({
      S: [
        ['a', 'b'],
        [1, 2],
        [3, 4],
      ],
    });
    await run(book, async (context) => {
      const t = context.workbook.worksheets.getItem('S').tables.add('A1:B3', true);
      t.name = 'Renewal';
    });
    expect(
      await code(run(book, async (context) => void context.workbook.worksheets.getItem('S').tables.add('B2:C4', true))),
    ).toBe('InvalidOperation');
    expect(await code(run(book, async (context) => void context.workbook.names.add('renewal', '=S!$A$1')))).toBe(
      'ItemAlreadyExists',
    );
    expect(await code(run(book, async (context) => void context.workbook.names.add('A1', '=S!$A$1')))).toBe(
      'InvalidArgument',
    );
  });
});

describe('navigation and housekeeping', () => {
  test('ranges derived from ranges and tables resolve where Excel puts them', async () => {
    const book = new FakeWorkbook({
      S: [
        ['a', 'b'],
        [1, 2],
        [3, 4],
      ],
    });
    await run(book, async (context) => {
      const sheet = context.workbook.worksheets.getItem('S');
      const base = sheet.getRange('B2:C4');
      const table = sheet.tables.add('A1:B3', true);
      const got = [
        base.getCell(1, 1),
        base.getOffsetRange(1, -1),
        base.getResizedRange(-1, 2),
        base.getRow(2),
        base.getColumn(1),
        table.getRange(),
        table.getDataBodyRange(),
      ].map((r) => r.load('address'));
      await context.sync();
      expect(got.map((r) => r.address)).toEqual([
        'S!C3',
        'S!A3:B5',
        'S!B2:E3',
        'S!B4:C4',
        'S!C2:C4',
        'S!A1:B3',
        'S!A2:B3',
      ]);
      base.getOffsetRange(-2, 0).load('address');
      expect(await code(context.sync())).toBe('InvalidArgument');
    });
  });

  test('clearing fills and conditional formats affects only the given cells', async () => {
    const book = new FakeWorkbook({ S: [] });
    await run(book, async (context) => {
      const sheet = context.workbook.worksheets.getItem('S');
      sheet.getRange('A1:A3').format.fill.color = 'yellow';
      sheet.getRange('A1:B9').conditionalFormats.add('Custom').custom.rule.formula = '=A1>0';
      sheet.getRange('D1:D9').conditionalFormats.add('Custom').custom.rule.formula = '=D1>0';
      await context.sync();
      sheet.getRange('A2').format.fill.clear();
      sheet.getRange('A1:C9').conditionalFormats.clearAll();
      const fill = sheet.getRange('A1:A3').format.fill.load('color');
      const top = sheet.getRange('A1').format.fill.load('color');
      await context.sync();
      expect(fill.color).toBeNull(); // mixed
      expect(top.color).toBe('#FFFF00');
    });
    expect(book.sheet('S').conditionalFormats.map((cf) => cf.formula)).toEqual(['=D1>0']);
  });

  test('the active sheet, hidden sheets, names and custom properties', async () => {
    const book = new FakeWorkbook({ A: [], B: [] });
    await run(book, async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.getItem('B').activate();
      sheets.getItem('A').visibility = 'Hidden';
      context.workbook.names.add('AsOfDate', '=B!$B$1', '基准日');
      sheets.getItem('B').customProperties.add('insdesk.output', '问题清单');
      await context.sync();
      const active = sheets.getActiveWorksheet().load('name');
      const name = context.workbook.names.getItem('asofdate').load('name, formula, comment');
      const prop = sheets.getItem('B').customProperties.getItemOrNullObject('INSDESK.OUTPUT').load('key, value');
      await context.sync();
      expect([active.name, name.name, name.formula, prop.key, prop.value]).toEqual([
        'B',
        'AsOfDate',
        '=B!$B$1',
        'insdesk.output',
        '问题清单',
      ]);
      // B is the only visible sheet left.
      sheets.getItem('B').delete();
      expect(await code(context.sync())).toBe('InvalidOperation');
      // Renaming a sheet re-points the names that refer to it; deleting it breaks them.
      sheets.getItem('B').name = '设置';
      await context.sync();
    });
    expect(book.names.get('asofdate')?.formula).toBe('=设置!$B$1');
  });
});

describe('what the ribbon commands use besides', () => {
  test('copying a sheet: everything comes along, named as Excel names copies, placed where asked', async () => {
    const book = new FakeWorkbook({
      台账: [
        ['保单号', '保费'],
        ['P1', 100],
      ],
      其他: [],
    });
    await run(book, async (context) => {
      const sheet = context.workbook.worksheets.getItem('台账');
      sheet.tables.add('A1:B2', true).name = '台账表';
      sheet.getRange('B2').conditionalFormats.add('Custom').custom.rule.formula = '=B2>0';
      sheet.freezePanes.freezeRows(1);
      await context.sync();
      const copy = sheet.copy('End');
      copy.load('name');
      sheet.copy('Before', sheet);
      await context.sync();
      expect(copy.name).toBe('台账 (2)');
    });
    expect(book.sheetNames).toEqual(['台账 (3)', '台账', '其他', '台账 (2)']);
    const copy = book.sheet('台账 (2)');
    expect(book.values('台账 (2)', 'A1:B2')).toEqual([
      ['保单号', '保费'],
      ['P1', 100],
    ]);
    expect([copy.freezeRows, copy.conditionalFormats.map((cf) => cf.formula)]).toEqual([1, ['=B2>0']]);
    // Tables are copied under new names: table names are unique in the workbook.
    expect(book.tables.map((t) => t.sheet.name).sort()).toEqual(['台账', '台账 (2)', '台账 (3)']);
    expect(new Set(book.tables.map((t) => t.name)).size).toBe(3);
    await run(book, async (context) => {
      context.workbook.worksheets.getItem('台账').copy('After');
      expect(await code(context.sync())).toBe('InvalidArgument');
    });
  });

  test('copyFrom tiles the source and moves relative references, like paste', async () => {
    const book = new FakeWorkbook({
      S: [
        [1, 2],
        [3, 4],
      ],
    });
    await run(book, async (context) => {
      const s = context.workbook.worksheets.getItem('S');
      s.getRange('C1').formulas = [['=A1+$B$1+B$1+"A1"']];
      s.getRange('C1').numberFormat = [['0.00']];
      s.getRange('C2:C4').copyFrom(s.getRange('C1'), 'Formulas');
      s.getRange('D1:D4').copyFrom('C1', 'Formats');
      s.getRange('E1:F3').copyFrom(s.getRange('A1:B2'), 'All');
      await context.sync();
      s.getRange('G1').copyFrom(s.getRange('C1'), 'Values');
      expect(await code(context.sync())).toBe('NotImplemented');
    });
    expect(book.formulas('S', 'C1:C3').flat()).toEqual(['=A1+$B$1+B$1+"A1"', '=A2+$B$1+B$1+"A1"', '=A3+$B$1+B$1+"A1"']);
    expect([book.sheet('S').numberFormats.get(1, 2), book.sheet('S').numberFormats.get(3, 3)]).toEqual([
      undefined,
      '0.00',
    ]);
    // 2×2 into 3×2: not a whole number of times, so pasted once.
    expect(book.values('S', 'E1:F3')).toEqual([
      [1, 2],
      [3, 4],
      ['', ''],
    ]);
  });

  test('copyFrom brings conditional formats (Formats) and validation (All) that cover the source; partial ones are refused', async () => {
    const book = new FakeWorkbook({ S: [] });
    await run(book, async (context) => {
      const s = context.workbook.worksheets.getItem('S');
      s.getRange('A1:A2').conditionalFormats.add('Custom').custom.rule.formula = '=A1>0';
      s.getRange('A1').dataValidation.rule = { custom: { formula: '=ISFORMULA(A1)' } };
      await context.sync();
      s.getRange('B5:B6').copyFrom(s.getRange('A2'), 'All');
      await context.sync();
      s.getRange('C2:C3').conditionalFormats.add('Custom').custom.rule.formula = '=C2>0';
      s.getRange('D1:D2').copyFrom(s.getRange('C1:C2'), 'Formats');
      expect(await code(context.sync())).toBe('NotImplemented');
    });
    const s = book.sheet('S');
    expect(s.conditionalFormats.slice(0, 2).map((cf) => [cf.rect, cf.formula])).toEqual([
      [{ row: 0, col: 0, rows: 2, cols: 1 }, '=A1>0'],
      [{ row: 4, col: 1, rows: 2, cols: 1 }, '=B5>0'],
    ]);
    // A2 has no validation (it was set on A1 only): none comes along.
    expect(s.validations).toHaveLength(1);
  });

  test('a range pasted once brings the formats and validation inside it, moved with its cells (a sheet put back from a copy)', async () => {
    const book = new FakeWorkbook({
      S: [
        ['保单号', '保费'],
        ['P1', 5],
      ],
      T: [],
    });
    await run(book, async (context) => {
      const s = context.workbook.worksheets.getItem('S');
      s.getRange('B2').conditionalFormats.add('Custom').custom.rule.formula = '=B2>0';
      s.getRange('B2').dataValidation.rule = { decimal: { operator: 'GreaterThan', formula1: '=A2' } };
      s.tables.add('A1:B2', true).name = 'insdesk_x';
      s.freezePanes.freezeRows(1);
      await context.sync();
      const t = context.workbook.worksheets.getItem('T');
      t.getRange('C3:D4').copyFrom(s.getRange('A1:B2'), 'All');
      const tables = s.tables.load('items/name');
      const frozen = s.freezePanes.getLocationOrNullObject().load('address');
      const none = t.freezePanes.getLocationOrNullObject().load('address');
      await context.sync();
      expect([frozen.isNullObject, none.isNullObject]).toEqual([false, true]);
      tables.items[0].convertToRange();
      t.freezePanes.freezeAt(t.getRange(frozen.address.slice(frozen.address.indexOf('!') + 1)));
      s.freezePanes.unfreeze();
      await context.sync();
      // Tiled, the formats inside the source are not modelled.
      t.getRange('F1:F4').copyFrom(s.getRange('B1:B2'), 'All');
      expect(await code(context.sync())).toBe('NotImplemented');
    });
    const t = book.sheet('T');
    expect(book.values('T', 'C3:D4')).toEqual([
      ['保单号', '保费'],
      ['P1', 5],
    ]);
    expect(t.conditionalFormats.map((cf) => [a1(cf.rect), cf.formula])).toEqual([['D4', '=D4>0']]);
    expect(t.validations.map((v) => [a1(v.rect), v.rule])).toEqual([
      ['D4', { decimal: { operator: 'GreaterThan', formula1: '=C4' } }],
    ]);
    // The table is gone, its cells stay; the frozen rows moved from S to T.
    expect(book.tables).toEqual([]);
    expect(book.values('S', 'A1:B1')).toEqual([['保单号', '保费']]);
    expect([book.sheet('S').freezeRows, t.freezeRows]).toEqual([0, 1]);
  });

  test('conditional formats: several areas at once, listed with their rules and cells, deleted one by one', async () => {
    const book = new FakeWorkbook({ S: [] });
    await run(book, async (context) => {
      const s = context.workbook.worksheets.getItem('S');
      s.getRanges('B3:B5, D9').conditionalFormats.add('Custom').custom.rule.formula = '=TRUE';
      s.getRange('A1:A2').conditionalFormats.add('Custom').custom.rule.formula = '=A1=""';
      await context.sync();
      const all = s.getRange().conditionalFormats.load('items/type');
      const near = s.getRange('C1:E4').conditionalFormats.load('items/type');
      await context.sync();
      expect(near.items).toHaveLength(0);
      const rules = all.items.map((cf) => cf.custom.rule.load('formula'));
      const ranges = all.items.map((cf) => cf.getRangeOrNullObject().load('address'));
      await context.sync();
      expect(rules.map((r) => r.formula)).toEqual(['=TRUE', '=A1=""']);
      expect(ranges.map((r) => (r.isNullObject ? null : r.address))).toEqual([null, 'S!A1:A2']);
      all.items[0].delete();
      await context.sync();
      s.getRanges('B3,,C1').conditionalFormats.add('Custom');
      expect(await code(context.sync())).toBe('InvalidArgument');
    });
    expect(book.sheet('S').conditionalFormats.map((cf) => cf.formula)).toEqual(['=A1=""']);
  });

  test('tables and names listed; clear; column widths; font size and italic', async () => {
    const book = new FakeWorkbook({
      S: [
        ['a', 'b'],
        [1, 2],
      ],
    });
    await run(book, async (context) => {
      const s = context.workbook.worksheets.getItem('S');
      s.tables.add('A1:B2', true);
      context.workbook.names.add('AsOfDate', '=S!$A$2');
      await context.sync();
      const tables = s.tables.load('items/name');
      const names = context.workbook.names.load('items/name');
      await context.sync();
      expect([tables.items.map((t) => t.name), names.items.map((n) => n.name)]).toEqual([['Table1'], ['AsOfDate']]);
      s.getRange('A2:B2').clear('Contents');
      s.getRange('A1').format.columnWidth = 60;
      s.getRange('A1').format.font.size = 14;
      s.getRange('A1').format.font.italic = true;
      await context.sync();
      s.getRange('A1').format.columnWidth = -1;
      expect(await code(context.sync())).toBe('InvalidArgument');
    });
    const s = book.sheet('S');
    expect(book.values('S', 'A2:B2')).toEqual([['', '']]);
    expect([s.columnWidths.get(0), s.fontSizes.get(0, 0), s.italic.get(0, 0)]).toEqual([60, 14, true]);
  });
});
