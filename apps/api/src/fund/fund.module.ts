import { Module } from '@nestjs/common';
import { EventSourcedRepository, FundCalendar, FundCommands, FundPolicySource } from '#ledger';
import { CodeListsController } from './code-lists/code-lists.controller.js';
import { ContributionsController } from './contributions/contributions.controller.js';
import { EnvelopesController } from './envelopes/envelopes.controller.js';
import { FundPolicyController } from './policy/fund-policy.controller.js';

@Module({
  controllers: [EnvelopesController, ContributionsController, CodeListsController, FundPolicyController],
  providers: [
    {
      provide: FundCommands,
      useFactory: (repository: EventSourcedRepository, policies: FundPolicySource, calendar: FundCalendar) => new FundCommands(repository, policies, calendar),
      inject: [EventSourcedRepository, FundPolicySource, FundCalendar],
    },
  ],
})
export class FundModule {}
