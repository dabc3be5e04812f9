import {
  codeListDecider,
  codeListStreamId,
  contributionDecider,
  contributionStreamId,
  envelopeDecider,
  envelopeStreamId,
  requireCodeListName,
  type AddCodeListEntry,
  type AdjustEnvelope,
  type Cents,
  type CodeListState,
  type ContributionState,
  type EnvelopeState,
  type FundingLine,
  type OpenEnvelope,
  type PledgeContribution,
  type RecordContributionReceipt,
} from '#domain';
import { commandContextOf, type CommandMetadata } from '../command-metadata.js';
import type { FundCalendar } from '../fund-calendar.js';
import type { Decided, EventSourcedRepository } from '../event-sourced-repository.js';
import type { FundPolicySource } from './fund-policy-source.js';

type Options = { expectedRevision?: number };

/**
 * The fund side: envelopes per (year, line), donor contributions, code lists. Each command
 * touches exactly one stream, so each is one load–decide–append.
 */
export class FundCommands {
  constructor(
    private readonly repository: EventSourcedRepository,
    private readonly policies: FundPolicySource,
    /** What today is for the fund; without one, the domain takes the UTC date of the command's instant. */
    private readonly calendar?: FundCalendar,
  ) {}

  private dated(metadata: CommandMetadata): CommandMetadata {
    return this.calendar?.dated(metadata) ?? metadata;
  }

  openEnvelope(data: OpenEnvelope['data'], metadata: CommandMetadata): Promise<Decided<unknown, EnvelopeState>> {
    return this.repository.handle(envelopeDecider, envelopeStreamId(data.year, data.fundingLine), { type: 'OpenEnvelope', data, ...commandContextOf(this.dated(metadata)) }, metadata);
  }

  adjustEnvelope(year: number, fundingLine: FundingLine, newAmount: Cents, metadata: CommandMetadata, options: Options = {}) {
    const command: AdjustEnvelope = { type: 'AdjustEnvelope', data: { newAmount }, ...commandContextOf(this.dated(metadata)) };
    return this.repository.handle(envelopeDecider, envelopeStreamId(year, fundingLine), command, metadata, options);
  }

  async pledgeContribution(data: PledgeContribution['data'], metadata: CommandMetadata): Promise<Decided<unknown, ContributionState>> {
    const regions = await this.policies.codeList('regions');
    const command: PledgeContribution = { type: 'PledgeContribution', data, regions, ...commandContextOf(this.dated(metadata)) };
    return this.repository.handle(contributionDecider, contributionStreamId(data.contributionId), command, metadata);
  }

  recordContributionReceipt(contributionId: string, data: RecordContributionReceipt['data'], metadata: CommandMetadata, options: Options = {}) {
    const command: RecordContributionReceipt = { type: 'RecordContributionReceipt', data, ...commandContextOf(this.dated(metadata)) };
    return this.repository.handle(contributionDecider, contributionStreamId(contributionId), command, metadata, options);
  }

  addCodeListEntry(list: string, data: AddCodeListEntry['data'], metadata: CommandMetadata): Promise<Decided<unknown, CodeListState>> {
    const name = requireCodeListName(list);
    const command: AddCodeListEntry = { type: 'AddCodeListEntry', data, ...commandContextOf(this.dated(metadata)) };
    return this.repository.handle(codeListDecider(name), codeListStreamId(name), command, metadata);
  }
}
