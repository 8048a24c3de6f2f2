import { writeFileSync } from 'node:fs';
import sharp from 'sharp';

/** A day `offset` days from today in the province's calendar, as people type it (dd/mm/yyyy). */
export const dayFromToday = (offset: number): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(Date.now() + offset * 86_400_000));

/**
 * A sample province (portal-hub demo) with an approved banner contract running from yesterday for three
 * months, all through the command line as an operator would: the contract's code.
 */
export async function sampleWithBanner(cli: (...args: string[]) => Promise<string>, items: number): Promise<string> {
  await cli('demo', '--items', String(items), '--sites', '1');
  await cli('partner', 'add', '--name', 'Công ty TNHH Sông Bé', '--tax-number', '3600123456');
  const { code } = JSON.parse(
    await cli('service', 'propose', '--site', 'tinh', '--partner', '3600123456', '--kind', 'banner', '--title', 'Banner lễ hội', '--value', '33000000', '--from', dayFromToday(-30), '--to', dayFromToday(90), '--share', 'thu-ky@mau.example.vn=100', '--json'),
  ) as { code: string };
  // The sample's standing deputy head signs it.
  await cli('--as', 'pho-ban@mau.example.vn', 'service', 'approve', code);
  return code;
}

/** A plain picture of the size a zone shows. */
export async function writeBanner(path: string, width: number, height: number): Promise<void> {
  writeFileSync(path, await sharp({ create: { width, height, channels: 3, background: '#0a7' } }).png().toBuffer());
}
