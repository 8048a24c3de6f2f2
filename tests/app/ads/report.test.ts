import { describe, expect, it } from 'vitest';
import { campaignReport, placeAd } from '../../../src/app/ads/place.js';
import { OPERATOR } from '../../../src/app/people.js';
import { addPartner, decideContract, proposeContract } from '../../../src/app/revenue/contracts.js';
import { BACKENDS } from '../../helpers/databases.js';
import { deskPerSuite } from '../../helpers/desk.js';

const DAY = 86_400_000;

/** Issue 19.10: the report a partner is sent counts the days their ad was live, not days before it was placed. */
describe.each(BACKENDS)('a campaign’s report on $name', ({ fresh, skip }) => {
  // The desk's clock starts on 30/11/2026 in the province.
  const suiteDesk = deskPerSuite({ fresh, skip });


  it.skipIf(skip)('an ad booked from the 25th, placed on the 30th: one day live that day, three on the 2nd, none past its end', async () => {
    const desk = suiteDesk();
    const partner = await addPartner(desk.deps, OPERATOR, { name: 'Công ty TNHH Sông Bé' });
    if (!partner.ok) throw new Error(partner.reason);
    const contract = await proposeContract(desk.deps, OPERATOR, { site: 'tinh', partner: partner.value.id, kind: 'banner', title: 'Banner', value: 33_000_000, taxPercent: 10, startDay: '2026-11-25', endDay: '2026-12-31', shares: [{ person: desk.id.secretary, sharePercent: 100 }] });
    if (!contract.ok) throw new Error(contract.reason);
    expect(await decideContract(desk.deps, { kind: 'person', personId: desk.id.deputy }, contract.value.code, 'approved', null)).toMatchObject({ ok: true });
    const placed = await placeAd(desk.deps, OPERATOR, { contract: contract.value.code, zone: 'header', alt: 'Quảng cáo', targetUrl: 'https://example.vn/', weight: 10, startDay: '2026-11-25', endDay: '2026-12-03', fixed: false, image: { file: 'ads/a.png', type: 'image/png', width: 728, height: 90 } });
    if (!placed.ok) throw new Error(placed.reason);
    const daysLive = async () => {
      const r = await campaignReport(desk.deps, placed.value.code);
      if (!r.ok) throw new Error(r.reason);
      return r.value.daysLive;
    };
    expect(await daysLive()).toBe(1);
    desk.time.advance(2 * DAY);
    expect(await daysLive()).toBe(3);
    desk.time.advance(10 * DAY);
    expect(await daysLive()).toBe(4);
  });
});
