import { noteProblemCode } from './request-log.js';
import { isIPv4, isIPv6 } from 'node:net';
import { Injectable, type CallHandler, type ExecutionContext, type INestApplication, type NestInterceptor } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Observable } from 'rxjs';
import type { AppConfig } from '#runtime';
import { problem, ProblemError } from './problem.js';
import { VISITOR } from '../auth/auth.guard.js';

const WINDOW_SECONDS = 60;
/** Answered whatever the limits: a throttled liveness probe would only get the process restarted. */
const UNLIMITED_PATHS = new Set(['/health']);

/**
 * The service's rate limits, counted in this process's memory per window of a minute
 * (rate-limiter-flexible): requests per client address (every request, before anything is
 * parsed), requests per token subject (once the token is verified), and answers 401 per
 * client address — past that many, the address is refused altogether for the rest of the
 * window, which bounds guessing tokens and unauthenticated floods. A limit of 0 is off.
 * Several API instances count apart: a limit is per instance.
 */
export class RateLimits {
  private readonly perAddress: RateLimiterMemory | undefined;
  private readonly perSubject: RateLimiterMemory | undefined;
  private readonly failedAuthentication: RateLimiterMemory | undefined;

  constructor(private readonly limits: AppConfig['rateLimits']) {
    const limiter = (points: number) => (points > 0 ? new RateLimiterMemory({ points, duration: WINDOW_SECONDS }) : undefined);
    this.perAddress = limiter(limits.perAddress);
    this.perSubject = limiter(limits.perSubject);
    this.failedAuthentication = limiter(limits.failedAuthentication);
  }

  /** Express middleware counting the client address's requests and its 401 answers. */
  byAddress(): RequestHandler {
    return (request: Request, response: Response, next: NextFunction) => {
      if (UNLIMITED_PATHS.has(request.path)) return next();
      this.admitAddress(request, response).then((admitted) => admitted && next(), next);
    };
  }

  /** Counts one request of a verified token's subject; throws the 429 problem past the limit. */
  async admitSubject(subject: string, response: Response): Promise<void> {
    const refused = await this.consume(this.perSubject, `subject:${subject}`);
    if (refused === undefined) return;
    response.setHeader('Retry-After', retryAfterSeconds(refused));
    throw new ProblemError(429, 'rate-limit.exceeded', tooMany(this.limits.perSubject, 'requests a minute for this token subject', refused));
  }

  private async admitAddress(request: Request, response: Response): Promise<boolean> {
    const address = addressKey(request.ip);
    if (this.failedAuthentication) {
      const failures = await this.failedAuthentication.get(address);
      if (failures !== null && failures.consumedPoints >= this.limits.failedAuthentication) {
        refuse(request, response, failures, tooMany(this.limits.failedAuthentication, 'failed authentications a minute from this address', failures));
        return false;
      }
      const limiter = this.failedAuthentication;
      response.on('finish', () => {
        if (response.statusCode === 401) limiter.consume(address).catch(() => undefined);
      });
    }
    const refused = await this.consume(this.perAddress, address);
    if (refused === undefined) return true;
    refuse(request, response, refused, tooMany(this.limits.perAddress, 'requests a minute from this address', refused));
    return false;
  }

  /** undefined when admitted; the limiter's answer when over the limit. */
  private async consume(limiter: RateLimiterMemory | undefined, key: string): Promise<RateLimiterRes | undefined> {
    if (!limiter) return undefined;
    try {
      await limiter.consume(key);
      return undefined;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return rejection;
      throw rejection;
    }
  }
}

/** Counts each authenticated request against its subject (visitors without a token: by address only); runs after the auth guard, so the subject is verified. */
@Injectable()
export class SubjectRateLimit implements NestInterceptor {
  constructor(private readonly limits: RateLimits) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const principal = http.getRequest<Request & { principal?: { subject: string } }>().principal;
    // Anonymous visitors of the public portal share no subject: the per-address limit counts them.
    const subject = principal === VISITOR ? undefined : principal?.subject;
    if (subject !== undefined) await this.limits.admitSubject(subject, http.getResponse<Response>());
    return next.handle();
  }
}

/** Registers the limits on the application (see RateLimits), and which proxies name the client. */
export function applyRateLimits(app: INestApplication, config: Pick<AppConfig, 'rateLimits' | 'trustProxy'>): void {
  (app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void }).set('trust proxy', config.trustProxy);
  const limits = new RateLimits(config.rateLimits);
  app.use(limits.byAddress());
  app.useGlobalInterceptors(new SubjectRateLimit(limits));
}

function refuse(request: Request, response: Response, refused: RateLimiterRes, detail: string): void {
  noteProblemCode(response, 'rate-limit.exceeded');
  response
    .status(429)
    .setHeader('Retry-After', retryAfterSeconds(refused))
    .type('application/problem+json')
    .send(JSON.stringify({ ...problem(429, 'rate-limit.exceeded', detail), instance: request.originalUrl }));
}

function tooMany(limit: number, what: string, refused: RateLimiterRes): string {
  return `more than ${limit} ${what}; retry in ${retryAfterSeconds(refused)} s`;
}

function retryAfterSeconds(refused: RateLimiterRes): number {
  return Math.max(1, Math.ceil(refused.msBeforeNext / 1000));
}

/**
 * The key a client address is counted under. An IPv6 client usually holds a whole /64 and
 * can change address within it at will, so the /64 is the client; an IPv4-mapped address
 * is its IPv4 address.
 */
export function addressKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  if (ip.toLowerCase().startsWith('::ffff:') && isIPv4(ip.slice(7))) return ip.slice(7);
  if (!isIPv6(ip)) return ip;
  const [head = '', tail] = ip.split('%')[0]!.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
