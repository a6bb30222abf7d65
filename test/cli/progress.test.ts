import { createProgress } from '../../src/cli/progress';
import { capture } from './streams';
import { textWidth } from '../../src/sheetOut';

/** A clock the test moves by hand. */
function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

test('nothing at all is written when stderr is not a terminal', () => {
  const err = capture(false);
  const c = clock();
  const p = createProgress(err, { now: c.now });
  c.advance(5000);
  p.update('检查数据', 10, 100);
  p.update('检查数据', 100, 100);
  p.clear();
  expect(err.text()).toBe('');
});

test('on a terminal, a bar with a percentage appears only once the run has lasted a second', () => {
  const err = capture(true);
  const c = clock();
  const p = createProgress(err, { now: c.now });
  p.update('读取文件', 1, 4);
  c.advance(999);
  p.update('读取文件', 2, 4);
  expect(err.text()).toBe('');
  c.advance(1);
  p.update('检查数据', 50, 200);
  expect(err.text()).toBe(`\r检查数据 [${'#'.repeat(8)}${'.'.repeat(22)}] 25%`);
});

test('redraws are throttled, but the finished state is always drawn, and clear erases the line', () => {
  const err = capture(true);
  const c = clock();
  const p = createProgress(err, { now: c.now, delayMs: 0, intervalMs: 100 });
  p.update('检查数据', 10, 100);
  c.advance(50);
  p.update('检查数据', 20, 100);
  expect(err.text().split('\r').filter(Boolean)).toHaveLength(1);
  p.update('检查数据', 100, 100);
  const frames = err.text().split('\r').filter(Boolean);
  expect(frames).toHaveLength(2);
  expect(frames[1]).toContain('] 100%');
  const before = err.text().length;
  p.clear();
  const erase = err.text().slice(before);
  expect(erase).toMatch(/^\r +\r$/);
  // Wide enough to cover the bar: 4 CJK labels take two cells each.
  expect(erase.length - 2).toBe(frames[1].length + 4);
  p.clear();
  expect(err.text().length).toBe(before + erase.length);
});

test('a shorter line after a longer one leaves no stale characters', () => {
  const err = capture(true);
  const c = clock();
  const p = createProgress(err, { now: c.now, delayMs: 0, intervalMs: 0 });
  p.update('写出校验报告', 0, 1);
  const first = err.text();
  p.update('检查', 1, 1);
  const second = err.text().slice(first.length);
  expect(second).toMatch(/^\r检查 \[#{30}\] 100% +$/);
  expect(textWidth(second)).toBe(textWidth(first));
});
