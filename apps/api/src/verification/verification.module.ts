import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '#runtime';
import { APP_CONFIG } from '../storage/tokens.js';
import { AnchorSigner } from './anchor-signer.js';
import { ListAnchorsController } from './list-anchors/list-anchors.controller.js';
import { SignCheckpointController } from './sign-checkpoint/sign-checkpoint.controller.js';
import { VerifyStoreController } from './verify-store/verify-store.controller.js';

/** Issue 18: the whole store verified, and signed checkpoints kept outside the database. */
@Module({})
export class VerificationModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: VerificationModule,
      controllers: [VerifyStoreController, ListAnchorsController, SignCheckpointController],
      providers: [{ provide: APP_CONFIG, useValue: config }, AnchorSigner],
    };
  }
}
