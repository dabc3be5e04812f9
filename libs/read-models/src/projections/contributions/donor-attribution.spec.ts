import fc from 'fast-check';
import { attributeDonorReceipts, type Attribution, type EnvelopeFunding } from './donor-attribution.js';

const partsOf = (attribution: Attribution) => [...attribution.projects.map((project) => project.attributed), attribution.notYetCommitted];
const sum = (amounts: readonly number[]) => amounts.reduce((total, amount) => total + amount, 0);

const envelope = (receipts: number, projects: [string, string, number][]): EnvelopeFunding => ({
  year: 2026,
  fundingLine: 1,
  receipts,
  projects: projects.map(([projectId, region, committed]) => ({ projectId, region, committed })),
});

describe("a donor's money, attributed to the projects of the envelopes it fed", () => {
  it('gives USD 1,000.00 over three projects of 333.33 to the cent, the rest not yet committed', () => {
    // The donor gave all the envelope received: its share is 100 %.
    const attribution = attributeDonorReceipts(
      { year: 2026, fundingLine: 1, received: 100_000 },
      envelope(100_000, [['PO.3', 'africa', 33_333], ['PO.1', 'africa', 33_333], ['PO.2', 'europe', 33_333]]),
    );

    expect(attribution.projects).toEqual([
      { projectId: 'PO.1', committed: 33_333, attributed: 33_333 },
      { projectId: 'PO.2', committed: 33_333, attributed: 33_333 },
      { projectId: 'PO.3', committed: 33_333, attributed: 33_333 },
    ]);
    expect(attribution.notYetCommitted).toBe(1);
    expect(attribution.shareOfReceipts).toBe(10_000);
    expect(sum(partsOf(attribution))).toBe(100_000);
  });

  it('attributes a share of each commitment as the share of the receipts, with the remainder cents by largest remainder', () => {
    // X = 1,000.00 of R = 3,000.00 (a third); three projects of 333.33 commit 999.99.
    const attribution = attributeDonorReceipts(
      { year: 2026, fundingLine: 1, received: 100_000 },
      envelope(300_000, [['PO.1', 'africa', 33_333], ['PO.2', 'africa', 33_333], ['PO.3', 'africa', 33_333]]),
    );

    // 100,000 × 33,333 / 300,000 = 11,111 each; the rest 100,000 × 200,001 / 300,000 = 66,667.
    expect(attribution.projects.map((project) => project.attributed)).toEqual([11_111, 11_111, 11_111]);
    expect(attribution.notYetCommitted).toBe(66_667);
    expect(attribution.shareOfReceipts).toBe(3_333);
    expect(sum(partsOf(attribution))).toBe(100_000);
  });

  it('attributes nothing to not yet committed when the envelope committed more than it received', () => {
    // R = 500.00, committed 1,000.00: the donor's 200.00 is 1/5 of what the projects hold.
    const attribution = attributeDonorReceipts(
      { year: 2026, fundingLine: 2, received: 20_000 },
      envelope(50_000, [['PO.1', 'africa', 70_000], ['PO.2', 'europe', 30_000]]),
    );

    expect(attribution.projects.map((project) => project.attributed)).toEqual([14_000, 6_000]);
    expect(attribution.notYetCommitted).toBe(0);
  });

  it("attributes earmarked money to its region's projects only, the rest not yet committed", () => {
    const attribution = attributeDonorReceipts(
      { year: 2026, fundingLine: 1, earmarkedRegion: 'africa', received: 30_000 },
      envelope(100_000, [['PO.1', 'africa', 40_000], ['PO.2', 'europe', 50_000], ['PO.3', 'africa', 0]]),
    );

    expect(attribution.projects).toEqual([{ projectId: 'PO.1', committed: 40_000, attributed: 12_000 }]);
    expect(attribution.notYetCommitted).toBe(18_000);
    expect(attribution.earmarkedRegion).toBe('africa');
  });

  it('adds up to what the donor gave, and the donors of an envelope are never attributed more than a commitment', () => {
    const donors = fc.array(fc.integer({ min: 1, max: 50_000_000 }), { minLength: 1, maxLength: 5 });
    const commitments = fc.array(fc.integer({ min: 0, max: 30_000_000 }), { minLength: 0, maxLength: 8 });
    fc.assert(
      fc.property(donors, commitments, (received, committed) => {
        const funding = envelope(sum(received), committed.map((amount, index) => [`PO.${index}`, 'africa', amount]));
        const attributions = received.map((amount) => attributeDonorReceipts({ year: 2026, fundingLine: 1, received: amount }, funding));
        attributions.forEach((attribution, index) => expect(sum(partsOf(attribution))).toBe(received[index]));
        committed.forEach((amount, index) => {
          const attributed = sum(attributions.map((attribution) => attribution.projects.find((p) => p.projectId === `PO.${index}`)?.attributed ?? 0));
          // Each donor's part is rounded on its own: at most a cent more per donor.
          expect(attributed).toBeLessThanOrEqual(amount + received.length);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses receipts the envelope never had', () => {
    expect(() => attributeDonorReceipts({ year: 2026, fundingLine: 1, received: 0 }, envelope(10, []))).toThrow(RangeError);
    expect(() => attributeDonorReceipts({ year: 2026, fundingLine: 1, received: 20 }, envelope(10, []))).toThrow(RangeError);
  });
});
