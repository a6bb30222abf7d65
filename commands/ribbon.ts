/**
 * The ribbon's ExecuteFunction buttons (manifest.xml), by the FunctionName each carries.
 * Handlers are registered under these names in the shared runtime's page.
 */
export const RIBBON_ACTIONS = {
  validate: 'validateWorkbook',
  stats: 'monthlyStats',
  daily: 'dailyReport',
  crm: 'crmImport',
  settle: 'settleCommission',
  split: 'splitByDept',
  upgrade: 'upgradeWorkbook',
  restore: 'restoreUpgrade',
} as const;

export type RibbonAction = keyof typeof RIBBON_ACTIONS;

/**
 * Registers the handler of a ribbon button. Excel keeps the button busy until
 * `event.completed()`, so that runs whatever the handler does; a failure goes to `report`
 * (which shows the clerk a message) instead of vanishing.
 */
export function associateRibbonAction(
  action: RibbonAction,
  run: () => Promise<void>,
  report: (error: unknown) => void,
): void {
  Office.actions.associate(RIBBON_ACTIONS[action], async (event: Office.AddinCommands.Event) => {
    try {
      await run();
    } catch (e) {
      report(e);
    } finally {
      event.completed();
    }
  });
}
