import { splitByWeights, type FundingLine } from '#domain';

/**
 * Where a donor's received money went, pro rata (README "A donor organisation's own view").
 *
 * The money of an envelope (year, line) is not traced coin by coin: every receipt of the
 * envelope funds its commitments alike. So a donor whose receipts X are a share X / R of the
 * envelope's receipts R is attributed that share of each project's commitment:
 *
 *     attributed_p = X × committed_p / max(R, Σ committed)
 *
 * and the rest of X is "not yet committed". With max(R, Σ committed) the donors of an envelope
 * together are never attributed more than a project's commitment, nor more than they gave when
 * the envelope committed more than it received (the rest came from the fund's other money).
 * Every part is in whole cents, remainder cents by largest remainder, so the parts add up to X
 * exactly.
 *
 * Earmarked money (a contribution earmarked to a region) is attributed to that region's
 * projects only, with the same denominator: its part of other regions' commitments stays "not
 * yet committed", so all donors together are still never attributed more than a commitment.
 */

/** A project committed from an envelope (its public fields, money in cents). */
export interface CommittedProject {
  projectId: string;
  region: string;
  committed: number;
}

/** The envelope a donor's receipts fed: all its receipts (every donor's) and its commitments. */
export interface EnvelopeFunding {
  year: number;
  fundingLine: FundingLine;
  /** R: what every donor's contributions to this (year, line) have received, earmarked or not. */
  receipts: number;
  projects: readonly CommittedProject[];
}

/** A donor's receipts into one envelope, earmarked to a region or not. */
export interface DonorReceipts {
  year: number;
  fundingLine: FundingLine;
  earmarkedRegion?: string;
  /** X, in cents (> 0). */
  received: number;
}

export interface Attribution {
  year: number;
  fundingLine: FundingLine;
  earmarkedRegion?: string;
  received: number;
  envelopeReceipts: number;
  /** X / R in basis points, rounded half up (display only: the cents are computed exactly). */
  shareOfReceipts: number;
  /** The projects it funded, by project id; each attributed > 0 or committed > 0. */
  projects: { projectId: string; committed: number; attributed: number }[];
  notYetCommitted: number;
}

export function attributeDonorReceipts(donor: DonorReceipts, envelope: EnvelopeFunding): Attribution {
  const { received } = donor;
  if (!Number.isSafeInteger(received) || received <= 0) throw new RangeError(`a donor's receipts are positive cents, got ${received}`);
  if (envelope.receipts < received) {
    throw new RangeError(`the envelope ${envelope.year}-${envelope.fundingLine} received ${envelope.receipts}, less than one donor's ${received}`);
  }
  const committed = envelope.projects.filter((project) => project.committed > 0);
  const allCommitted = committed.reduce((sum, project) => sum + project.committed, 0);
  const funded = committed
    .filter((project) => donor.earmarkedRegion === undefined || project.region === donor.earmarkedRegion)
    .sort((a, b) => (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0));
  const denominator = Math.max(envelope.receipts, allCommitted);
  const fundedTotal = funded.reduce((sum, project) => sum + project.committed, 0);
  // The rest of the denominator is the weight of "not yet committed"; it comes last, so a tie
  // of remainders gives the cent to a project (ties go to the earlier part).
  const parts = splitByWeights(received, [...funded.map((project) => project.committed), denominator - fundedTotal]);
  return {
    year: donor.year,
    fundingLine: donor.fundingLine,
    ...(donor.earmarkedRegion === undefined ? {} : { earmarkedRegion: donor.earmarkedRegion }),
    received,
    envelopeReceipts: envelope.receipts,
    shareOfReceipts: Number((BigInt(received) * 20_000n + BigInt(envelope.receipts)) / (2n * BigInt(envelope.receipts))),
    projects: funded.map((project, index) => ({ projectId: project.projectId, committed: project.committed, attributed: parts[index]! })),
    notYetCommitted: parts.at(-1)!,
  };
}
