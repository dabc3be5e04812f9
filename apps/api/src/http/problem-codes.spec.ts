import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The README's table of problem codes is the list clients switch on; a code the service can
 * answer but the README does not name is a broken promise. This scan reads every place a
 * code is born (the calls below) in apps/ and libs/ and compares with the table, both ways.
 * A call whose code it cannot read (a constant, a template) fails the test rather than being
 * skipped, so a new way of making codes has to be taught to the scan.
 */
const ROOT = join(process.cwd());
const README = join(ROOT, 'README.md');

/** The calls that make a problem: where their code and status are among the arguments. */
const CARRIERS = [
  { callee: 'new DomainError', name: 'DomainError', code: 0, status: (args: string[]) => domainStatus(args[2]) },
  { callee: 'new ProblemError', name: 'ProblemError', code: 1, status: (args: string[]) => Number(args[0]) },
  { callee: 'problem', name: 'problem', code: 1, status: (args: string[]) => Number(args[0]) },
  { callee: 'sendProblem', name: 'sendProblem', code: 2, status: (args: string[]) => Number(args[1]) },
  { callee: 'invalid', name: 'invalid', code: 0, status: () => 422 },
  { callee: 'refuseIfInvalid', name: 'refuseIfInvalid', code: 0, status: () => 422 },
] as const;

/** libs/domain/src/shared/domain-error.ts's kinds, as apps/api/src/http/problem.ts answers them. */
const STATUS_OF_KIND: Record<string, number> = { invalid: 422, conflict: 409, 'not-found': 404, forbidden: 403 };

function domainStatus(kind: string | undefined): number {
  if (kind === undefined) return STATUS_OF_KIND.conflict!; // the constructor's default
  return STATUS_OF_KIND[/^'([^']*)'$/.exec(kind.trim())?.[1] ?? ''] ?? NaN;
}

export interface FoundCode {
  code: string;
  status: number;
  at: string;
}

/** Every code made in the source, with its status and where; `unreadable` lists calls the scan cannot read. */
export function scanProblemCodes(directories: string[]): { found: FoundCode[]; unreadable: string[] } {
  const found: FoundCode[] = [];
  const unreadable: string[] = [];
  for (const file of directories.flatMap((directory) => sourceFiles(join(ROOT, directory)))) {
    const text = readFileSync(file, 'utf8');
    for (const carrier of CARRIERS) {
      const call = new RegExp(`(?<![\\w.$])${carrier.callee.replace(' ', '\\s+')}\\s*\\(`, 'g');
      for (const match of text.matchAll(call)) {
        const at = `${relative(ROOT, file)}:${text.slice(0, match.index).split('\n').length}`;
        if (inComment(text, match.index) || /function\s+$/.test(text.slice(Math.max(0, match.index - 20), match.index))) continue;
        const args = argumentsAt(text, match.index + match[0].length);
        const codeArgument = args[carrier.code]?.trim() ?? '';
        // In `kind === 'a' ? 'code.one' : 'code.two'` only the branches are codes.
        const branches = codeArgument.includes('?') ? codeArgument.slice(codeArgument.indexOf('?')) : codeArgument;
        const codes = [...branches.matchAll(/'([^'\\]*)'/g)].map((literal) => literal[1]!);
        if (codes.length === 0) {
          if (!forwardsItsOwnParameter(text, match.index, codeArgument)) unreadable.push(`${at}: ${carrier.callee}(${codeArgument}, …)`);
          continue;
        }
        const status = carrier.status(args);
        for (const code of codes) found.push({ code, status, at });
      }
    }
  }
  return { found, unreadable };
}

/** The rows of the README's problem-code table: `| \`code\` | status | when |`. */
export function readmeProblemCodes(): Map<string, Set<number>> {
  const listed = new Map<string, Set<number>>();
  for (const row of readFileSync(README, 'utf8').matchAll(/^\| `([^`]+)` \| (\d{3}) \|/gm)) {
    listed.set(row[1]!, (listed.get(row[1]!) ?? new Set()).add(Number(row[2])));
  }
  return listed;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' || entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec|test)\.ts$/.test(entry.name) ? [path] : [];
  });
}

function inComment(text: string, index: number): boolean {
  const line = text.slice(text.lastIndexOf('\n', index) + 1, index);
  return /^\s*(\*|\/\/|\/\*)/.test(line) || line.includes('//');
}

/**
 * A helper such as `invalid(code, errors)` passes its caller's code on, and `toProblem` passes
 * on `error.code` of a DomainError or ProblemError: those codes are scanned where they are made.
 */
function forwardsItsOwnParameter(text: string, index: number, argument: string): boolean {
  if (/^error\.code$/.test(argument)) return true;
  const declarations = [...text.slice(0, index).matchAll(/function\s+(\w+)\s*\(([^)]*)\)/g)];
  const enclosing = declarations.at(-1);
  if (!enclosing || !CARRIERS.some((carrier) => carrier.name === enclosing[1])) return false;
  return enclosing[2]!.split(',').some((parameter) => parameter.split(':')[0]!.trim() === argument);
}

/** The top-level arguments of a call whose `(` ends just before `start`, as source text. */
function argumentsAt(text: string, start: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (let index = start; index < text.length; index += 1) {
    const character = text[index]!;
    if (character === "'" || character === '"' || character === '`') {
      const end = endOfString(text, index);
      current += text.slice(index, end + 1);
      index = end;
      continue;
    }
    if ('([{'.includes(character)) depth += 1;
    if (')]}'.includes(character)) {
      if (depth === 0) {
        args.push(current);
        return args;
      }
      depth -= 1;
    }
    if (character === ',' && depth === 0) {
      args.push(current);
      current = '';
      continue;
    }
    current += character;
  }
  return args;
}

/** Where the string literal opening at `start` closes (template literals may nest `${…}`). */
function endOfString(text: string, start: number): number {
  const quote = text[start]!;
  for (let index = start + 1; index < text.length; index += 1) {
    const character = text[index]!;
    if (character === '\\') index += 1;
    else if (character === quote) return index;
    else if (quote === '`' && character === '$' && text[index + 1] === '{') {
      let depth = 0;
      for (index += 1; index < text.length; index += 1) {
        if (text[index] === '`' || text[index] === "'" || text[index] === '"') index = endOfString(text, index);
        else if (text[index] === '{') depth += 1;
        else if (text[index] === '}' && (depth -= 1) === 0) break;
      }
    }
  }
  return text.length - 1;
}

describe("the README's problem codes", () => {
  const { found, unreadable } = scanProblemCodes(['apps', 'libs']);
  const listed = readmeProblemCodes();

  it('can read the code of every call that makes a problem', () => {
    expect(unreadable).toEqual([]);
    // The scan really finds codes: one of each kind of call.
    expect(found.map((f) => f.code)).toEqual(expect.arrayContaining(['budget.ceiling-exceeded', 'auth.token-missing', 'route.not-found', 'endorsement.invalid', 'contribution.invalid']));
  });

  it('lists every code the code base can answer, with the status it answers', () => {
    const missing = found.filter((f) => !listed.get(f.code)?.has(f.status)).map((f) => `${f.code} (${f.status}) at ${f.at}`);
    expect(missing).toEqual([]);
  });

  it('lists no code the code base no longer has', () => {
    const made = new Set(found.map((f) => f.code));
    expect([...listed.keys()].filter((code) => !made.has(code))).toEqual([]);
  });
});
