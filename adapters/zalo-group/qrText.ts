import sharp from 'sharp';

/**
 * Draws Zalo's QR picture in a terminal, so `zalo login` works over SSH. The picture is a clean,
 * generated QR code: its top-left finder pattern is 7 modules wide, which gives the module size,
 * and each module is read at its centre. Nothing is decoded or re-encoded: the terminal shows the
 * same code. Light modules are drawn as blocks (terminals are usually dark), two rows per line.
 */
export async function qrToText(png: Buffer, quietZone = 2): Promise<string> {
  const { data, info } = await sharp(png).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const dark = (x: number, y: number) => x >= 0 && y >= 0 && x < info.width && y < info.height && data[Math.floor(y) * info.width + Math.floor(x)]! < 128;
  let top = -1;
  let left = info.width;
  let right = -1;
  for (let y = 0; y < info.height; y += 1) {
    for (let x = 0; x < info.width; x += 1) {
      if (!dark(x, y)) continue;
      if (top < 0) top = y;
      left = Math.min(left, x);
      right = Math.max(right, x);
    }
  }
  if (top < 0) throw new Error('the QR picture is blank');
  let finder = 0;
  while (dark(left + finder, top)) finder += 1;
  const moduleSize = finder / 7;
  const count = Math.round((right - left + 1) / moduleSize);
  const isDark = (row: number, col: number) =>
    row >= 0 && col >= 0 && row < count && col < count && dark(left + (col + 0.5) * moduleSize, top + (row + 0.5) * moduleSize);
  const lines: string[] = [];
  for (let row = -quietZone; row < count + quietZone; row += 2) {
    let line = '';
    for (let col = -quietZone; col < count + quietZone; col += 1) {
      const upper = !isDark(row, col);
      const lower = row + 1 < count + quietZone && !isDark(row + 1, col);
      line += upper && lower ? '█' : upper ? '▀' : lower ? '▄' : ' ';
    }
    lines.push(line);
  }
  return lines.join('\n');
}
