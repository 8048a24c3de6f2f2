/**
 * A DOCX is a ZIP: 900 KB of it can inflate to 420 MB of word/document.xml (a "zip bomb"), and mammoth (through
 * JSZip) inflates every part it reads whole, in memory, before checking anything. So the archive is measured
 * here first, by its own bytes: the sizes its central directory declares, then each part actually inflated with
 * zlib's `maxOutputLength`, so a directory that lies about its sizes is caught too without ever holding more
 * than the budget. Nothing is thrown: an answer says why the file is over, and the caller keeps it without text.
 */
import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';

const inflate = promisify(inflateRaw);

export interface ZipBudget {
  /** Bytes one part may inflate to (word/document.xml is the one that matters). */
  entryMax: number;
  /** Bytes all parts together may inflate to. */
  totalMax: number;
}

/** 20 MB of document XML is a very long decision with its tables; 50 MB for every part of the file together. */
export const DOCX_BUDGET: ZipBudget = { entryMax: 20 * 1024 * 1024, totalMax: 50 * 1024 * 1024 };

export type ZipVerdict = { ok: true } | { ok: false; over: 'entry' | 'total' | 'shape'; name: string; limit: number };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

/** The central directory's entries, or null when the bytes are not a plain ZIP (ZIP64, split, truncated). */
function centralDirectory(zip: Buffer): Entry[] | null {
  // The end record is in the last 22 bytes plus a comment of up to 64 KB.
  const floor = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let i = zip.length - 22; i >= floor; i -= 1) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = zip.readUInt16LE(end + 10);
  const offset = zip.readUInt32LE(end + 16);
  // ZIP64 markers: a DOCX under 20 MB never needs them; one that uses them is not measured, so not read.
  if (count === 0xffff || offset === 0xffffffff) return null;
  const entries: Entry[] = [];
  let at = offset;
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) return null;
    const nameLength = zip.readUInt16LE(at + 28);
    const entry: Entry = {
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      declaredSize: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, Math.min(zip.length, at + 46 + nameLength)),
    };
    if (entry.compressedSize === 0xffffffff || entry.declaredSize === 0xffffffff || entry.localOffset === 0xffffffff) return null;
    entries.push(entry);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** The part's compressed bytes, where its local header says they start. */
function dataOf(zip: Buffer, e: Entry): Buffer | null {
  const at = e.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL) return null;
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  if (start + e.compressedSize > zip.length) return null;
  return zip.subarray(start, start + e.compressedSize);
}

/**
 * Whether the archive inflates within the budget. The declared sizes first (cheap: a bomb that tells the truth is
 * refused without inflating a byte), then each part inflated with at most what is left of the budget as its
 * ceiling; the output is dropped as soon as it is counted.
 */
export async function checkZipBudget(zip: Buffer, budget: ZipBudget = DOCX_BUDGET): Promise<ZipVerdict> {
  const entries = centralDirectory(zip);
  if (!entries) return { ok: false, over: 'shape', name: '', limit: budget.totalMax };
  let declared = 0;
  for (const e of entries) {
    if (e.declaredSize > budget.entryMax) return { ok: false, over: 'entry', name: e.name, limit: budget.entryMax };
    declared += e.declaredSize;
    if (declared > budget.totalMax) return { ok: false, over: 'total', name: e.name, limit: budget.totalMax };
  }
  let used = 0;
  for (const e of entries) {
    const data = dataOf(zip, e);
    if (!data) return { ok: false, over: 'shape', name: e.name, limit: budget.totalMax };
    const ceiling = Math.min(budget.entryMax, budget.totalMax - used);
    let size: number;
    if (e.method === 0) size = data.length;
    else if (e.method === 8) {
      try {
        size = (await inflate(data, { maxOutputLength: Math.max(1, ceiling) })).length;
      } catch (error) {
        // Past the ceiling (ERR_BUFFER_TOO_LARGE): over; anything else is a broken part, for mammoth to report.
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, over: ceiling < budget.entryMax ? 'total' : 'entry', name: e.name, limit: ceiling < budget.entryMax ? budget.totalMax : budget.entryMax };
        continue;
      }
    } else continue;
    if (size > budget.entryMax) return { ok: false, over: 'entry', name: e.name, limit: budget.entryMax };
    used += size;
    if (used > budget.totalMax) return { ok: false, over: 'total', name: e.name, limit: budget.totalMax };
  }
  return { ok: true };
}
