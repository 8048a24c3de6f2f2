/** True when dist/build.json exists and no source it lists changed or disappeared since. */
export function buildIsFresh(root: string): boolean;
