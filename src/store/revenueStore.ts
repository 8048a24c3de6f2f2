import { randomUUID } from 'node:crypto';
import { coverPublications } from '../core/auditContent.js';
import type { PriceDeviation } from '../core/revenue/prices.js';
import { REVENUE_ACCOUNTS, type RevenueAccount, type RevenueLine } from '../core/revenue/split.js';
import {
  CONTRACT_STATES, FUND_SOURCES, isServiceKind,
  type ContractRecord, type ContractState, type FundEntry, type PriceListRecord, type FundSource, type PaymentRecord, type RevenueStore,
} from '../app/revenue/ports.js';
import type { AuditTrail } from './audit.js';
import { isUniqueViolationOn } from './errors.js';
import { nextCodeNumber } from './items.js';
import type { Db, Tx } from './client.js';

const asContractState = (v: string): ContractState => CONTRACT_STATES.find((s) => s === v) ?? fail('contract state', v);
const asFundSource = (v: string): FundSource => FUND_SOURCES.find((s) => s === v) ?? fail('fund source', v);
const asAccount = (v: string): RevenueAccount => REVENUE_ACCOUNTS.find((s) => s === v) ?? fail('revenue account', v);
function fail(what: string, value: string): never {
  throw new Error(`database holds an unknown ${what}: ${value}`);
}

const CONTRACT_INCLUDE = { partner: { select: { name: true } }, shares: { orderBy: { position: 'asc' as const } }, payments: { select: { amount: true } } };
type ContractRow = Awaited<ReturnType<Db['serviceContract']['findFirstOrThrow']>> & {
  partner: { name: string };
  shares: { personId: string; sharePercent: number }[];
  payments: { amount: number }[];
};

function toContract({ partner, shares, payments, kind, state, priceDeviation, ...row }: ContractRow): ContractRecord {
  if (!isServiceKind(kind)) fail('service kind', kind);
  return {
    ...row, kind, state: asContractState(state), partnerName: partner.name, priceDeviation: priceDeviation === null ? null : (JSON.parse(priceDeviation) as PriceDeviation),
    shares: shares.map((s) => ({ personId: s.personId, sharePercent: s.sharePercent })),
    received: payments.reduce((a, p) => a + p.amount, 0),
  };
}

const PRICE_INCLUDE = { rows: { orderBy: { position: 'asc' as const } } };
type PriceListRow = Awaited<ReturnType<Db['priceList']['findFirstOrThrow']>> & { rows: { kind: string; zone: string; days: number; price: number; discountPercent: number }[] };
const toPriceList = ({ rows, state, ...row }: PriceListRow): PriceListRecord => ({
  ...row, state: asContractState(state), rows: rows.map((r) => ({ kind: r.kind, zone: r.zone, days: r.days, price: r.price, discountPercent: r.discountPercent })),
});

const PAYMENT_INCLUDE = { contract: { select: { code: true } }, entries: { orderBy: { position: 'asc' as const } } };
type PaymentRow = Awaited<ReturnType<Db['revenuePayment']['findFirstOrThrow']>> & { contract: { code: string }; entries: { account: string; personId: string | null; amount: number }[] };

const toPayment = ({ contract, entries, receiptKey: _standing, ...row }: PaymentRow): PaymentRecord => ({
  ...row, contractCode: contract.code, lines: entries.map((e): RevenueLine => ({ account: asAccount(e.account), personId: e.personId, amount: e.amount })),
});

const toFund = (row: Omit<FundEntry, 'source'> & { source: string }): FundEntry => ({ ...row, source: asFundSource(row.source) });

/** Rolls a payment's transaction back when it would take the contract past its value. */
class OverCap extends Error {
  constructor(readonly received: number) {
    super('payment over the contract value');
  }
}

async function readPayment(t: Db | Tx, id: string): Promise<PaymentRecord | null> {
  const row = await t.revenuePayment.findUnique({ where: { id }, include: PAYMENT_INCLUDE });
  return row && toPayment(row);
}

/** Media-service contracts, their payments split into an append-only ledger, and the royalty fund's ledger, over Prisma. */
export function revenueStore(db: Db, trail: AuditTrail): RevenueStore {
  return {
    async addPartner(partner, audit) {
      try {
        await db.$transaction(async (t) => {
          await t.partner.create({ data: partner });
          await trail.append(t, { ...audit, subjectId: partner.id });
        });
        return { added: partner };
      } catch (error) {
        // One tax number, one partner: the second filing (or a race) is told who holds it.
        if (!isUniqueViolationOn(error, ['Partner']) || partner.taxNumber === null) throw error;
        const taken = await db.partner.findUnique({ where: { taxNumber: partner.taxNumber } });
        if (!taken) throw error;
        return { taken };
      }
    },

    partners: () => db.partner.findMany({ orderBy: { name: 'asc' }, take: 1000 }),

    async partnerByRef(ref) {
      return (await db.partner.findUnique({ where: { id: ref } })) ?? (await db.partner.findUnique({ where: { taxNumber: ref } }));
    },

    async proposeContract(contract, year, audit) {
      return db.$transaction(async (t) => {
        const { shares, priceDeviation, ...fields } = contract;
        const code = `DV-${year}-${String(await nextCodeNumber(t, 'service-contract', year)).padStart(3, '0')}`;
        const id = randomUUID();
        await t.serviceContract.create({ data: { ...fields, id, code, priceDeviation: priceDeviation === null ? null : JSON.stringify(priceDeviation), shares: { create: shares.map((s, position) => ({ ...s, position })) } } });
        await trail.append(t, { ...audit, subjectId: id, data: { ...audit.data, code } });
        return toContract(await t.serviceContract.findUniqueOrThrow({ where: { id }, include: CONTRACT_INCLUDE }));
      });
    },

    async contractByCode(code) {
      const row = await db.serviceContract.findUnique({ where: { code: code.trim().toUpperCase() }, include: CONTRACT_INCLUDE });
      return row && toContract(row);
    },

    async contracts(filter, limit) {
      const rows = await db.serviceContract.findMany({ where: { ...(filter.siteId ? { siteId: filter.siteId } : {}), ...(filter.state ? { state: filter.state } : {}) }, include: CONTRACT_INCLUDE, orderBy: [{ proposedAt: 'desc' }, { code: 'desc' }], take: limit });
      return rows.map(toContract);
    },

    async decideContract(id, version, change, audit) {
      return db.$transaction(async (t) => {
        const done = await t.serviceContract.updateMany({ where: { id, version, state: 'proposed' }, data: { ...change, version: version + 1 } });
        if (done.count === 0) return false;
        await trail.append(t, audit);
        return true;
      });
    },

    async recordPayment(payment, fund, audit, cap) {
      const { lines, ...fields } = payment;
      const existing = async () => {
        const byReceipt = fields.receipt === null ? null : await db.revenuePayment.findUnique({ where: { contractId_receiptKey: { contractId: fields.contractId, receiptKey: fields.receipt } }, include: PAYMENT_INCLUDE });
        return byReceipt ? { duplicate: toPayment(byReceipt) } : null;
      };
      const before = await existing();
      if (before) return before;
      try {
        return await db.$transaction(async (t) => {
          if (cap !== null) {
            // Touching the contract's row serialises its payments (a row lock on PostgreSQL, the write lock on SQLite);
            // behind it, the same receipt entered at once is found on file before any sum is taken.
            await t.serviceContract.update({ where: { id: fields.contractId }, data: { version: { increment: 0 } } });
            const onFile = fields.receipt === null ? null : await t.revenuePayment.findUnique({ where: { contractId_receiptKey: { contractId: fields.contractId, receiptKey: fields.receipt } }, include: PAYMENT_INCLUDE });
            if (onFile) return { duplicate: toPayment(onFile) };
            const received = (await t.revenuePayment.aggregate({ where: { contractId: fields.contractId }, _sum: { amount: true } }))._sum.amount ?? 0;
            if (received + fields.amount > cap) throw new OverCap(received);
          }
          // A reversal releases the receipt it reverses (and only once: `reverses` is unique).
          if (fields.reverses !== null) await t.revenuePayment.update({ where: { id: fields.reverses }, data: { receiptKey: null } });
          await t.revenuePayment.create({ data: { ...fields, receiptKey: fields.receipt, entries: { create: lines.map((l, position) => ({ id: randomUUID(), ...l, position })) } } });
          if (fund) await t.royaltyFundEntry.create({ data: { id: randomUUID(), ...fund } });
          await trail.append(t, { ...audit, subjectId: fields.id });
          const recorded = await readPayment(t, fields.id);
          if (!recorded) throw new Error('payment vanished inside its own transaction');
          return { recorded };
        });
      } catch (error) {
        if (error instanceof OverCap) return { overCap: { received: error.received } };
        // The same receipt entered twice at once, or a payment reversed twice: the first stands.
        if (!isUniqueViolationOn(error, ['RevenuePayment', 'RoyaltyFundEntry'])) throw error;
        if (fields.reverses !== null) return { alreadyReversed: true };
        const after = await existing();
        if (after) return after;
        throw error;
      }
    },

    async payments(contractId) {
      const rows = await db.revenuePayment.findMany({ where: { contractId }, include: PAYMENT_INCLUDE, orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }], take: 1000 });
      return rows.map(toPayment);
    },

    paymentById: (id) => readPayment(db, id),

    async proposePriceList(list, audit) {
      return db.$transaction(async (t) => {
        const { rows, ...fields } = list;
        const code = `BG-${list.year}-${String(await nextCodeNumber(t, 'price-list', list.year)).padStart(3, '0')}`;
        const id = randomUUID();
        await t.priceList.create({ data: { ...fields, id, code, rows: { create: rows.map((r, position) => ({ ...r, position })) } } });
        await trail.append(t, { ...audit, subjectId: id, data: { ...audit.data, code } });
        return toPriceList(await t.priceList.findUniqueOrThrow({ where: { id }, include: PRICE_INCLUDE }));
      });
    },

    async priceListByCode(code) {
      const row = await db.priceList.findUnique({ where: { code: code.trim().toUpperCase() }, include: PRICE_INCLUDE });
      return row && toPriceList(row);
    },

    async priceLists(filter, limit) {
      const rows = await db.priceList.findMany({ where: { ...(filter.siteId ? { siteId: filter.siteId } : {}), ...(filter.state ? { state: filter.state } : {}) }, include: PRICE_INCLUDE, orderBy: [{ proposedAt: 'desc' }, { code: 'desc' }], take: limit });
      return rows.map(toPriceList);
    },

    async priceListInForce(siteId, year) {
      const row = await db.priceList.findFirst({ where: { siteId, year, state: 'approved' }, include: PRICE_INCLUDE, orderBy: [{ decidedAt: 'desc' }, { code: 'desc' }] });
      return row && toPriceList(row);
    },

    async decidePriceList(id, version, change, audit) {
      return db.$transaction(async (t) => {
        const done = await t.priceList.updateMany({ where: { id, version, state: 'proposed' }, data: { ...change, version: version + 1 } });
        if (done.count === 0) return false;
        await trail.append(t, audit);
        return true;
      });
    },

    async revenueTotals(siteId, from, until) {
      const where = { siteId, day: { gte: from, lt: until } };
      const sums = await db.revenuePayment.aggregate({ where, _sum: { amount: true, tax: true, afterTax: true }, _count: { _all: true } });
      const byAccount = await db.revenueEntry.groupBy({ by: ['account'], where: { payment: where }, _sum: { amount: true } });
      const byPerson = await db.revenueEntry.groupBy({ by: ['personId'], where: { payment: where, account: 'people' }, _sum: { amount: true }, orderBy: { personId: 'asc' } });
      const accounts = { people: 0, autonomy: 0, technology: 0, royaltyFund: 0 };
      for (const a of byAccount) accounts[asAccount(a.account)] = a._sum.amount ?? 0;
      const reversals = await db.revenuePayment.count({ where: { ...where, reverses: { not: null } } });
      return {
        payments: sums._count._all - reversals, reversals, amount: sums._sum.amount ?? 0, tax: sums._sum.tax ?? 0, afterTax: sums._sum.afterTax ?? 0, accounts,
        people: byPerson.flatMap((p) => (p.personId === null ? [] : [{ personId: p.personId, amount: p._sum.amount ?? 0 }])),
      };
    },

    async addFundEntry(entry, audit) {
      try {
        await db.$transaction(async (t) => {
          const id = randomUUID();
          await t.royaltyFundEntry.create({ data: { id, ...entry } });
          await trail.append(t, { ...audit, subjectId: id });
        });
        return true;
      } catch (error) {
        if (isUniqueViolationOn(error, ['RoyaltyFundEntry'])) return false;
        throw error;
      }
    },

    async fundEntries(siteId, from, until, limit) {
      const rows = await db.royaltyFundEntry.findMany({ where: { siteId, day: { gte: from, lt: until } }, orderBy: [{ day: 'desc' }, { createdAt: 'desc' }], take: limit });
      return rows.map(toFund);
    },

    async fundTotals(siteId, from, until) {
      const opening = (await db.royaltyFundEntry.aggregate({ where: { siteId, day: { lt: from } }, _sum: { amount: true } }))._sum.amount ?? 0;
      const bySource = { budget: 0, media: 0, sheet: 0, correction: 0 };
      for (const g of await db.royaltyFundEntry.groupBy({ by: ['source'], where: { siteId, day: { gte: from, lt: until } }, _sum: { amount: true } })) bySource[asFundSource(g.source)] = g._sum.amount ?? 0;
      return { opening, bySource, closing: opening + Object.values(bySource).reduce((a, b) => a + b, 0) };
    },

    async sponsorItem(itemId, contractId, partner, audit) {
      return db.$transaction(async (t) => {
        await t.item.update({ where: { id: itemId }, data: { sponsorContractId: contractId } });
        const labelled = await t.publication.updateMany({ where: { itemId }, data: { sponsor: partner } });
        // The label is public content: the audit row vouches for the copy as it now reads.
        await trail.append(t, audit, labelled.count > 0 ? coverPublications(await t.publication.findMany({ where: { itemId } })) : {});
        return labelled.count > 0;
      });
    },

    async sponsorOfItem(itemId) {
      const item = await db.item.findUnique({ where: { id: itemId }, select: { sponsorContractId: true } });
      if (!item?.sponsorContractId) return null;
      const contract = await db.serviceContract.findUnique({ where: { id: item.sponsorContractId }, select: { code: true, partner: { select: { name: true } } } });
      return contract && { contract: contract.code, partner: contract.partner.name };
    },
  };
}
