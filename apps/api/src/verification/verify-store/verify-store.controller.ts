import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { createPublicKey } from 'node:crypto';
import type { Response } from 'express';
import type { StoreAudit } from '#event-store';
import { verifyStore } from '#ledger';
import { readCheckpoints, type AppConfig } from '#runtime';
import { ReadableBy } from '../../auth/access.decorators.js';
import { ProblemError } from '../../http/problem.js';
import { AUTHENTICATED, ProblemResponses } from '../../http/problem.response.js';
import { APP_CONFIG, STORE_AUDIT } from '../../storage/tokens.js';
import { AnchorSigner } from '../anchor-signer.js';
import { VerificationSummaryResponse } from '../verification.response.js';

/**
 * The whole store verified, streamed: a store of millions of events takes minutes, so the
 * answer starts at once and says how far it got (docs/adr/0022). Each line is JSON:
 * `{"progress":…}`, `{"break":…}` as found, and last `{"summary":…}`. The status is 200
 * whatever is found — the summary says whether the store is intact.
 */
@ApiTags('verification')
@ApiBearerAuth()
@Controller('verification')
export class VerifyStoreController {
  constructor(
    @Inject(STORE_AUDIT) private readonly audit: StoreAudit | undefined,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly signer: AnchorSigner,
  ) {}

  @Get()
  @ReadableBy('auditor', 'admin')
  @ApiOperation({
    summary: 'Verify every stream of the store: hash chains, recorded_at, global positions, stream heads, and the signed checkpoints',
    description:
      'Auditors and admins. JSON Lines (application/x-ndjson): progress lines, one line per break as it is found, then the summary (the schema shown). ' +
      'Checkpoints in ANCHOR_DIR are checked with the public key of ANCHOR_PRIVATE_KEY_FILE when configured; auditors check them apart with `npm run verify -- --anchors DIR --public-key FILE`.',
  })
  @ApiProduces('application/x-ndjson', 'application/json')
  @ApiOkResponse({ type: VerificationSummaryResponse, description: 'Streamed lines; the last one is {"summary": …}' })
  @ProblemResponses(AUTHENTICATED, 'verification.not-supported')
  async verify(@Res() response: Response): Promise<void> {
    if (!this.audit) throw new ProblemError(501, 'verification.not-supported', `verification reads the SQL event stores (embedded, postgres), not EVENT_STORE=${this.config.eventStore}`);
    const key = this.signer.privateKey;
    const anchors = key ? await readCheckpoints(this.config.anchorDir, createPublicKey(key)) : undefined;
    response.status(200).type('application/x-ndjson').setHeader('Cache-Control', 'no-store');
    const line = (value: unknown) => response.write(`${JSON.stringify(value)}\n`);
    let aborted = false;
    response.on('close', () => (aborted = !response.writableEnded));
    try {
      const summary = await verifyStore(this.audit, {
        ...(anchors ? { anchors } : {}),
        onBreak: (found) => line({ break: found }),
        onProgress: (progress) => {
          if (aborted) throw new VerificationAbandoned();
          line({ progress });
        },
      });
      line({ summary });
    } catch (error) {
      if (!(error instanceof VerificationAbandoned)) line({ error: 'verification stopped: the store failed to answer; retry' });
    }
    response.end();
  }
}

/** The client went away: stop reading the store for nobody. */
class VerificationAbandoned extends Error {}
