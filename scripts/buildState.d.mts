/** SHA-256 of a file's bytes, hex. */
export function contentHash(path: string): string;

/** True when dist/build.json exists and no source it lists changed or disappeared since (a file rewritten with the same bytes is unchanged). */
export function buildIsFresh(root: string): boolean;
