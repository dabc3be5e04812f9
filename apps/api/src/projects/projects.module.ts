import { Module, type DynamicModule } from '@nestjs/common';
import { CommandLinks } from '../http/command-links.js';
import { EventSourcedRepository, FundCalendar, FundPolicySource, PortfolioImport, ProjectCommands } from '#ledger';
import type { AppConfig } from '#runtime';
import { AmendDraftController } from './commands/amend-draft/amend-draft.controller.js';
import { BudgetRevisionsController } from './commands/budget-revisions/budget-revisions.controller.js';
import { DraftProjectController } from './commands/draft-project/draft-project.controller.js';
import { ExtensionsController } from './commands/extensions/extensions.controller.js';
import { ImplementationController } from './commands/implementation/implementation.controller.js';
import { MoneyFlowsController } from './commands/money-flows/money-flows.controller.js';
import { ProjectCommandSender } from './commands/project-command.sender.js';
import { ProposalReviewController } from './commands/proposal-review/proposal-review.controller.js';
import { RecordProjectCommandHandler } from './commands/record-project-command.js';
import { ReportsController } from './commands/reports/reports.controller.js';
import { ImportPortfolioController } from './commands/import-portfolio/import-portfolio.controller.js';
import { GetProjectEventsController } from './queries/get-project-events/get-project-events.controller.js';
import { GetProjectController } from './queries/get-project/get-project.controller.js';

@Module({})
export class ProjectsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ProjectsModule,
      global: true,
      controllers: [
        DraftProjectController,
        AmendDraftController,
        ProposalReviewController,
        ImplementationController,
        BudgetRevisionsController,
        ExtensionsController,
        ReportsController,
        MoneyFlowsController,
        GetProjectController,
        GetProjectEventsController,
        ImportPortfolioController,
      ],
      providers: [
        {
          provide: FundPolicySource,
          useFactory: (repository: EventSourcedRepository) =>
            new FundPolicySource(repository, { ceilings: config.ceilings, floors: config.floors }),
          inject: [EventSourcedRepository],
        },
        { provide: FundCalendar, useValue: new FundCalendar(config.fundTimeZone) },
        {
          provide: ProjectCommands,
          useFactory: (repository: EventSourcedRepository, policies: FundPolicySource, calendar: FundCalendar) => new ProjectCommands(repository, policies, calendar),
          inject: [EventSourcedRepository, FundPolicySource, FundCalendar],
        },
        {
          provide: PortfolioImport,
          useFactory: (repository: EventSourcedRepository, commands: ProjectCommands, policies: FundPolicySource) =>
            new PortfolioImport(repository, commands, policies),
          inject: [EventSourcedRepository, ProjectCommands, FundPolicySource],
        },
        ProjectCommandSender,
        RecordProjectCommandHandler,
        CommandLinks,
      ],
      exports: [FundPolicySource, FundCalendar, CommandLinks],
    };
  }
}
