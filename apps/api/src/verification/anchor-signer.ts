import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import type { StoreAudit } from '#event-store';
import type { Checkpoint } from '#ledger';
import { anchorNow, readPrivateKey, type AppConfig } from '#runtime';
import { ProblemError } from '../http/problem.js';
import { APP_CONFIG, STORE_AUDIT } from '../storage/tokens.js';

/**
 * Signs checkpoints into ANCHOR_DIR: every ANCHOR_INTERVAL, and when an admin asks. One at
 * a time in this process (a checkpoint continues from the previous file). The key is read
 * from ANCHOR_PRIVATE_KEY_FILE at start: it is never given to the database.
 */
@Injectable()
export class AnchorSigner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Anchors');
  private key: KeyObject | undefined;
  private timer: NodeJS.Timeout | undefined;
  private signing: Promise<{ name: string; checkpoint: Checkpoint }> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(STORE_AUDIT) private readonly audit: StoreAudit | undefined,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.anchorPrivateKeyFile === undefined || !this.audit) return;
    this.key = await readPrivateKey(this.config.anchorPrivateKeyFile);
    if (this.config.anchorIntervalSeconds > 0) {
      this.timer = setInterval(() => {
        this.sign().catch((error: unknown) => this.logger.error(`checkpoint not signed: ${(error as Error).message}`));
      }, this.config.anchorIntervalSeconds * 1000);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sign(): Promise<{ name: string; checkpoint: Checkpoint }> {
    if (!this.audit) throw new ProblemError(501, 'verification.not-supported', `checkpoints are signed for the SQL event stores (embedded, postgres), not EVENT_STORE=${this.config.eventStore}`);
    if (!this.key) throw new ProblemError(409, 'anchors.not-configured', 'no ANCHOR_PRIVATE_KEY_FILE is configured: this service signs no checkpoints');
    this.signing ??= anchorNow(this.audit, this.key, this.config.anchorDir).finally(() => (this.signing = undefined));
    const signed = await this.signing;
    this.logger.log(`checkpoint signed: ${signed.name} (up to position ${signed.checkpoint.upTo}, ${signed.checkpoint.events} events)`);
    return signed;
  }

  get directory(): string {
    return this.config.anchorDir;
  }

  get privateKey(): KeyObject | undefined {
    return this.key;
  }
}
