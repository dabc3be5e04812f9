import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** What the document says about `effectiveOn` on every command. */
export const EFFECTIVE_ON_DOC = {
  example: '2024-03-05',
  description:
    "The business date the command happened on (YYYY-MM-DD); default: today in the fund's time zone (FUND_TIME_ZONE). " +
    'Never after today (422 `effective-on.in-future`), never before the business date of the step it follows (409 `effective-on.before-previous-step`).',
} as const;

/**
 * The part of every command's body that says on which day it happened. Every command DTO
 * extends this (or declares the field itself), so that a backdated entry is possible on
 * every endpoint; commandMetadataOf reads it from the body (ADR 0019).
 */
export class BusinessDateRequest {
  @ApiPropertyOptional(EFFECTIVE_ON_DOC)
  @IsOptional()
  @IsString()
  @MaxLength(10)
  effectiveOn?: string;
}

/** A body's command data: everything but the business date, which travels with the command's metadata. */
export function commandDataOf<Body extends BusinessDateRequest>(body: Body): Omit<Body, 'effectiveOn'> {
  const { effectiveOn: _effectiveOn, ...data } = body;
  return data;
}
