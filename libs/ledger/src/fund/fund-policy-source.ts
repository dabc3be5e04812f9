import {
  CODE_LIST_NAMES,
  codeListDecider,
  codeListStreamId,
  codes,
  makeFundPolicy,
  type CodeListName,
  type Coverage,
  type FundPolicy,
  type FundingLine,
} from '#domain';
import type { EventSourcedRepository } from '../event-sourced-repository.js';

export interface PolicySettings {
  ceilings: Record<FundingLine, Record<Coverage, number>>;
  floors: Record<Coverage, number>;
}

/**
 * The fund policy a command is decided under: ceilings and floors from configuration, and
 * the code lists as they stand in the event store now (an admin may have extended them).
 */
export class FundPolicySource {
  constructor(
    private readonly repository: EventSourcedRepository,
    private readonly settings: PolicySettings,
  ) {}

  async current(): Promise<FundPolicy> {
    const [thematicAreas, regions] = await Promise.all(CODE_LIST_NAMES.map((name) => this.codeList(name)));
    return makeFundPolicy({
      ceilings: this.settings.ceilings,
      floors: this.settings.floors,
      thematicAreas: thematicAreas!,
      regions: regions!,
    });
  }

  async codeList(name: CodeListName): Promise<string[]> {
    const { state } = await this.repository.load(codeListDecider(name), codeListStreamId(name));
    return codes(state);
  }
}
