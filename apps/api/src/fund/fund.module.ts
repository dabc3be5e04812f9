import { Module } from '@nestjs/common';
import { EventSourcedRepository, FundCommands, FundPolicySource } from '#ledger';
import { CodeListsController } from './code-lists/code-lists.controller.js';
import { ContributionsController } from './contributions/contributions.controller.js';
import { EnvelopesController } from './envelopes/envelopes.controller.js';

@Module({
  controllers: [EnvelopesController, ContributionsController, CodeListsController],
  providers: [
    {
      provide: FundCommands,
      useFactory: (repository: EventSourcedRepository, policies: FundPolicySource) => new FundCommands(repository, policies),
      inject: [EventSourcedRepository, FundPolicySource],
    },
  ],
})
export class FundModule {}
