/**
 * How 月度统计 asks for its period. The task pane registers a prompt (`setPeriodPrompt`) that
 * shows the pane and resolves to what the clerk typed, or null when they cancel; with none
 * registered the button goes ahead with the default period (blank: the month of the 基准日).
 */
export type PeriodPrompt = () => Promise<string | null>;

let prompt: PeriodPrompt | undefined;

export function setPeriodPrompt(p: PeriodPrompt | undefined): void {
  prompt = p;
}

/** The period to run, '' for the default, null when the clerk cancelled. */
export function askPeriod(): Promise<string | null> {
  return prompt ? prompt() : Promise.resolve('');
}
