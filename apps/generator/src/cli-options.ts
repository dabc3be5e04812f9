import { parseArgs } from 'node:util';

/** The command-line options the generator and the demo share. */
export const GENERATOR_OPTIONS = {
  url: { type: 'string' },
  projects: { type: 'string' },
  seed: { type: 'string' },
  concurrency: { type: 'string' },
  prefix: { type: 'string' },
  first: { type: 'string' },
  today: { type: 'string' },
  print: { type: 'boolean' },
  summary: { type: 'boolean' },
  'keep-going': { type: 'boolean' },
  'skip-fund': { type: 'boolean' },
  'without-idempotency-keys': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseGeneratorArgs(args: string[]) {
  return parseArgs({ args, options: GENERATOR_OPTIONS, allowPositionals: false, strict: true }).values;
}

export function wholeNumber(value: string | undefined, fallback: number, name: string, min = 0): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < min) throw new Error(`--${name} must be a whole number ≥ ${min}, not ${value}`);
  return number;
}

/** The service this machine runs by default: API_URL, else 127.0.0.1 on PORT (3000); the API listens on IPv4 by default. */
export function defaultUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.API_URL ?? `http://127.0.0.1:${env.PORT ?? '3000'}`).replace(/\/+$/, '');
}
