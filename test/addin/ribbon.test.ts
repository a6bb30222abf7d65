/** Ribbon command registration: the button never stays busy, and failures reach the clerk. */
import { associateRibbonAction, RIBBON_ACTIONS } from '../../commands/ribbon';

const handlers = new Map<string, (event: { completed: () => void }) => Promise<void>>();
Object.assign(globalThis, {
  Office: {
    actions: {
      associate: (id: string, fn: (event: { completed: () => void }) => Promise<void>) => handlers.set(id, fn),
    },
  },
});

async function click(id: string): Promise<number> {
  let completed = 0;
  await handlers.get(id)!({ completed: () => completed++ });
  return completed;
}

test('a handler is registered under the FunctionName of its button and completes the event', async () => {
  const ran: string[] = [];
  associateRibbonAction(
    'stats',
    async () => void ran.push('stats'),
    () => ran.push('reported'),
  );
  expect([...handlers.keys()]).toEqual([RIBBON_ACTIONS.stats]);
  expect(await click(RIBBON_ACTIONS.stats)).toBe(1);
  expect(ran).toEqual(['stats']);
});

test('a failing handler is reported and still completes the event', async () => {
  const reported: unknown[] = [];
  associateRibbonAction(
    'validate',
    () => Promise.reject(new Error('工作簿中没有可识别的台账')),
    (e) => reported.push(e),
  );
  expect(await click(RIBBON_ACTIONS.validate)).toBe(1);
  expect(reported).toEqual([new Error('工作簿中没有可识别的台账')]);
});
