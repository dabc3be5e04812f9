import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { createPublicKey } from 'node:crypto';
import { keyId } from '#ledger';
import { readCheckpointFiles } from '#runtime';
import { ReadableBy } from '../../auth/access.decorators.js';
import { ProblemError } from '../../http/problem.js';
import { AUTHENTICATED, ProblemResponses } from '../../http/problem.response.js';
import { AnchorSigner } from '../anchor-signer.js';
import { AnchorListResponse } from '../verification.response.js';

const MAX_LIMIT = 1_000;

/**
 * The signed checkpoints as they lie in ANCHOR_DIR, and the public key they are signed with,
 * so an auditor's browser checks every signature itself (the explorer's verification page):
 * the service says what is there, never whether to trust it.
 */
@ApiTags('verification')
@ApiBearerAuth()
@Controller('verification/anchors')
export class ListAnchorsController {
  constructor(private readonly signer: AnchorSigner) {}

  @Get()
  @ReadableBy('auditor', 'admin')
  @ApiOperation({
    summary: 'The checkpoints in ANCHOR_DIR, newest first, each with its signed content and signature, unchecked',
    description:
      'Auditors and admins. Each checkpoint is the file as written: its signature (Ed25519, base64) covers the canonical JSON of every other field ' +
      '(object keys sorted at every level, no spaces). A file that is not JSON is listed with `unreadable`. Check them with GET /verification/anchors/public-key or a key held apart.',
  })
  @ApiQuery({ name: 'limit', required: false, description: `1 to ${MAX_LIMIT}, default 100: the newest` })
  @ApiOkResponse({ type: AnchorListResponse })
  @ProblemResponses(AUTHENTICATED, 'request.invalid-query')
  async list(@Query('limit') limit?: string): Promise<AnchorListResponse> {
    const count = limitOf(limit);
    const files = await readCheckpointFiles(this.signer.directory);
    const key = this.signer.privateKey;
    return {
      total: files.length,
      keyId: key ? keyId(createPublicKey(key)) : null,
      anchors: files
        .reverse()
        .slice(0, count)
        .map((file) => ('unreadable' in file ? { name: file.name, unreadable: file.unreadable } : { name: file.name, checkpoint: file.content as Record<string, unknown> })),
    };
  }

  @Get('public-key')
  @ReadableBy('auditor', 'admin')
  @Header('Content-Type', 'application/x-pem-file')
  @ApiOperation({
    summary: 'The public key (PEM, SPKI) the service signs checkpoints with',
    description: 'Auditors and admins. The key published by the service itself: an auditor who holds the key out of band checks against that one instead.',
  })
  @ApiProduces('application/x-pem-file')
  @ApiOkResponse({ description: '-----BEGIN PUBLIC KEY----- …', schema: { type: 'string' } })
  @ProblemResponses(AUTHENTICATED, 'anchors.not-configured')
  publicKey(): string {
    const key = this.signer.privateKey;
    if (!key) throw new ProblemError(409, 'anchors.not-configured', 'no ANCHOR_PRIVATE_KEY_FILE is configured: this service signs no checkpoints and publishes no key');
    return createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  }
}

function limitOf(value: string | undefined): number {
  if (value === undefined || value === '') return 100;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1 || parsed > MAX_LIMIT) {
    throw new ProblemError(400, 'request.invalid-query', `limit must be a whole number from 1 to ${MAX_LIMIT}`, [{ field: 'limit', message: 'out of range' }]);
  }
  return parsed;
}
