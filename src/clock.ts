/**
 * The machine's clock, or one that started at `start` and runs at the same pace (CLOCK_START, drills and tests).
 * The service and the CLI take the same one, so a drill's terminal commands happen on the drill's day.
 */
export function shiftedClock(start: Date | null): () => Date {
  if (!start) return () => new Date();
  const by = start.getTime() - Date.now();
  return () => new Date(Date.now() + by);
}
