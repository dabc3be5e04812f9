import { pino, type DestinationStream, type Logger } from 'pino';
import type { AppConfig } from './app-config.js';

export type { Logger } from 'pino';

/** LOG_LEVEL speaks NestJS's names; pino's are these. */
const PINO_LEVEL = { silent: 'silent', error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' } as const;

/**
 * The process's structured logger: one JSON object per line, `time` (ISO 8601 UTC), `level`
 * by name and `message`, the shape the apps logged before pino. `destination` is for tests,
 * which read the lines back; by default stdout.
 */
export function createLogger(level: AppConfig['logLevel'] | 'silent', fields: Record<string, unknown> = {}, destination?: DestinationStream): Logger {
  const options = {
    level: PINO_LEVEL[level],
    messageKey: 'message',
    base: fields,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** For code that logs `{ level, message, ...fields }` entries (the projector runner). */
export function logEntriesTo(logger: Logger): (entry: Record<string, unknown>) => void {
  return ({ level, ...fields }) => {
    const name = level === 'log' ? 'info' : level === 'verbose' ? 'trace' : level;
    const method = typeof name === 'string' && name in PINO_LEVEL_METHODS ? (name as keyof typeof PINO_LEVEL_METHODS) : 'info';
    logger[method](fields);
  };
}

const PINO_LEVEL_METHODS = { error: true, warn: true, info: true, debug: true, trace: true } as const;
