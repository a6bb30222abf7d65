/**
 * What the pane remembers for one workbook (the specialists of the CRM import), kept in the
 * workbook's own document settings: it travels with the file, and another workbook's team is
 * not offered here.
 */
import type { PaneMemory } from './commandsPanel';

const PREFIX = 'insdesk.';

export function documentMemory(settings: Office.Settings): PaneMemory {
  return {
    get: (key) => {
      const v: unknown = settings.get(PREFIX + key);
      return typeof v === 'string' ? v : undefined;
    },
    set: (key, value) =>
      new Promise((resolve) => {
        settings.set(PREFIX + key, value);
        // Saved with the workbook; a failed save only means the names are asked for again.
        settings.saveAsync(() => resolve());
      }),
  };
}
