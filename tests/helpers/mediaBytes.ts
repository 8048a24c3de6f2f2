import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

/** Files as a collaborator's phone sends them; the service sniffs their type from these bytes. */

export function jpegBytes(colour: string, width = 80, height = 45): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } }).jpeg().toBuffer();
}

/** `size` bytes: an MP4 header (`ftyp` box, brand isom) then noise, enough for any type sniffer, and unique. */
export function mp4Bytes(size: number): Buffer {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2')]);
  return Buffer.concat([ftyp, randomBytes(Math.max(0, size - ftyp.length))]);
}

/** A one-page PDF with this text in it. */
export function pdfBytes(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`);
}
