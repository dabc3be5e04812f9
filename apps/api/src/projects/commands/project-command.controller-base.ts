import { UseInterceptors, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CommandInterceptor } from '../../http/command.interceptor.js';

/** What every project command controller shares: docs, auth, idempotency and If-Match. */
export const ProjectCommandEndpoints = () =>
  applyDecorators(
    ApiTags('projects'),
    ApiBearerAuth(),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first result and records nothing new' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'The ETag (revision) you last saw; a stale one gives 412 and records nothing' }),
    UseInterceptors(CommandInterceptor),
  );
