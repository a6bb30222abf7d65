import type { Level } from '../findings';

/**
 * The answer of every field rule. `ok: true` means the value is usable (it may still carry
 * a warning, e.g. a VIN whose check digit does not match); `ok: false` is an error.
 * `value` is the normalised form (trimmed, half-width, upper-cased, …).
 */
export type Check<T = string> =
  | { ok: true; value: T; level?: Exclude<Level, 'error'>; code?: string; message?: string }
  | { ok: false; level: 'error'; code: string; message: string };

export const pass = <T>(value: T): Check<T> => ({ ok: true, value });
export const fail = (code: string, message: string): Check<never> => ({ ok: false, level: 'error', code, message });
export const warn = <T>(value: T, code: string, message: string): Check<T> => ({
  ok: true,
  value,
  level: 'warning',
  code,
  message,
});
