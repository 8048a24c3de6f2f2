/** `/name args` at the start of a chat text (Zalo has no command entities), or null when the text is not a command. */
export function parseSlashCommand(text: string): { name: string; args: string } | null {
  const match = /^\/([A-Za-z_]+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  return match ? { name: (match[1] ?? '').toLowerCase(), args: match[2] ?? '' } : null;
}
