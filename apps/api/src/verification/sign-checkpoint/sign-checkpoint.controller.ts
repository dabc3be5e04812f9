import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadableBy } from '../../auth/access.decorators.js';
import { AUTHENTICATED_CHANGE, ProblemResponses } from '../../http/problem.response.js';
import { AnchorSigner } from '../anchor-signer.js';
import { SignedCheckpointResponse } from '../verification.response.js';

/** An admin asks for a signed checkpoint now (before an audit, after a migration). */
@ApiTags('verification')
@ApiBearerAuth()
@Controller('verification/anchors')
export class SignCheckpointController {
  constructor(private readonly signer: AnchorSigner) {}

  @Post()
  @HttpCode(201)
  @ReadableBy('admin')
  @ApiOperation({ summary: 'Sign a checkpoint of the event store now and write it to ANCHOR_DIR', description: 'Admin. The service also signs one every ANCHOR_INTERVAL.' })
  @ApiCreatedResponse({ type: SignedCheckpointResponse, description: 'The checkpoint written' })
  @ProblemResponses(AUTHENTICATED_CHANGE, 'anchors.not-configured', 'verification.not-supported')
  async sign(): Promise<SignedCheckpointResponse> {
    const { name, checkpoint } = await this.signer.sign();
    return { checkpoint: { name, upTo: checkpoint.upTo, signedAt: checkpoint.signedAt }, events: checkpoint.events, directory: this.signer.directory };
  }
}
