import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '#domain';
import { ProblemError } from './problem.js';

/**
 * The global pipe: request bodies are checked for shape (types, required fields); unknown
 * fields are refused. Business rules are not checked here but in the domain, once.
 */
export function requestValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new ProblemError(400, 'request.invalid', 'the request does not have the expected shape', flatten(errors)),
  });
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
