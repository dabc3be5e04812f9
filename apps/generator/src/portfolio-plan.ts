import type { ProjectStatus } from '#domain';
import { APPROVERS, FINANCE_OFFICERS, FUND_MANAGER_OF_REGION, type ActorName } from './actors.js';
import { DONORS, ENDORSING_AUTHORITIES, FOCAL_POINTS, GLOBAL_SUFFIX, REASONS, REGIONAL_GROUPS, THEMES, type Theme } from './catalogue.js';
import { COUNTRIES, type Country, type Language } from './countries.js';
import { addDays, addMonths, daysBetween, isDate, maxDate, minDate, monthOf, oddCents, usd, utcToday, yearOf } from './dates-and-money.js';
import { Random, stratifiedDeck } from './prng.js';

/**
 * A realistic portfolio as a plan: the commands that build it through the API, in order,
 * each with the person who sends it. Deterministic: the same options (seed, size, prefix and
 * the date taken as today) give the same commands, byte for byte. Dates are planned around
 * today because the service applies rule 10 (requests ≥ 1 month before the end date) and
 * "not in the future" checks against its own clock.
 */

/** How far a planned project's life goes: the status its script leaves it in. */
export type Stage = ProjectStatus;

/** How often each final status occurs, per 100 projects. */
export const STAGE_WEIGHTS: Readonly<Record<Stage, number>> = {
  closed: 20,
  active: 29,
  completed: 8,
  approved: 8,
  submitted: 7,
  rejected: 6,
  draft: 6,
  cancelled: 5,
  endorsed: 5,
  suspended: 3,
  retained: 3,
};

/** Regions per 100 projects; `global` means cross-regional coverage. */
export const REGION_WEIGHTS = {
  africa: 30,
  'asia-and-oceania': 28,
  europe: 17,
  'latin-america-and-the-caribbean': 17,
  global: 8,
} as const;
type RegionCode = keyof typeof REGION_WEIGHTS;

/** The states a region's projects start with, so that even a small portfolio shows several scripts. */
const SHOWCASE: Readonly<Record<Exclude<RegionCode, 'global'>, readonly string[]>> = {
  africa: ['MA', 'SN', 'KE', 'TN', 'ML'],
  'asia-and-oceania': ['KG', 'JO', 'PH', 'TJ', 'BD'],
  europe: ['GE', 'MD', 'AL', 'AM'],
  'latin-america-and-the-caribbean': ['EC', 'HT', 'GT', 'PE'],
};

/** Rule 3's default ceilings, in cents. */
export const CEILINGS: Readonly<Record<1 | 2, Readonly<Record<'national' | 'regional' | 'global', number>>>> = {
  1: { national: 100_000_00, regional: 200_000_00, global: 200_000_00 },
  2: { national: 200_000_00, regional: 300_000_00, global: 300_000_00 },
};
export const SMALLEST_BUDGET = 30_000_00;

export interface Step {
  /** Who sends it (see ACTORS). */
  actor: ActorName;
  method: 'POST';
  path: string;
  body: Record<string, unknown>;
  /** The status a correct service answers with. */
  expect: 200 | 201;
  /** The domain command it carries, e.g. ApproveProject. */
  command: string;
}

export interface ProjectScript {
  index: number;
  projectId: string;
  primaId: string;
  stage: Stage;
  year: number;
  fundingLine: 1 | 2;
  region: string;
  coverage: 'national' | 'regional' | 'global';
  states: string[];
  thematicArea: string;
  languages: Language[];
  /** In cents, as drafted (after amendments) and as it ends (after revisions). */
  budget: number;
  committed: number;
  disbursed: number;
  spent: number;
  /** The most this project ever holds in its envelope (approval and raising revisions). */
  peakReserved: number;
  steps: Step[];
}

export interface EnvelopePlan {
  year: number;
  fundingLine: 1 | 2;
  /** Cents: what the projects of this (year, line) reserve at most, with headroom. */
  amount: number;
}

export interface PlanOptions {
  seed: number;
  projects: number;
  /** The date taken as today (YYYY-MM-DD, UTC); the real one by default. */
  today?: string;
  /** Project ids are `<prefix>.<number>`: two to four capital letters. */
  prefix?: string;
  /** The number of the first project. */
  first?: number;
  /** Plan envelopes and donor contributions too (default true). */
  fund?: boolean;
}

export interface PortfolioPlan {
  seed: number;
  today: string;
  prefix: string;
  first: number;
  envelopes: EnvelopePlan[];
  /** Donor pledges and receipts (after the envelopes, before the projects). */
  contributions: Step[];
  projects: ProjectScript[];
  /** Every command: envelopes, contributions and project steps. */
  commandCount: number;
}

export function planPortfolio(options: PlanOptions): PortfolioPlan {
  const today = options.today ?? utcToday();
  const prefix = options.prefix ?? 'PO';
  const first = options.first ?? 1;
  if (!isDate(today)) throw new Error(`today must be a date YYYY-MM-DD, not ${today}`);
  if (!/^[A-Z]{2,4}$/.test(prefix)) throw new Error(`the prefix must be two to four capital letters, not ${prefix}`);
  if (!Number.isSafeInteger(options.projects) || options.projects < 0) throw new Error('projects must be a whole number ≥ 0');
  if (!Number.isSafeInteger(first) || first < 1 || first + options.projects - 1 > 999_999) {
    throw new Error('project numbers must stay within 1–999999');
  }
  if (!Number.isSafeInteger(options.seed)) throw new Error('the seed must be a whole number');

  const world = new World(options.seed, today);
  const projects: ProjectScript[] = [];
  for (let index = 0; index < options.projects; index += 1) {
    projects.push(planProject(world, index, prefix, first + index));
  }
  const fund = options.fund ?? true;
  const envelopes = fund ? envelopesFor(projects) : [];
  const contributions = fund ? contributionsFor(envelopes, options.seed, today, prefix) : [];
  const commandCount = envelopes.length + contributions.length + projects.reduce((sum, project) => sum + project.steps.length, 0);
  return { seed: options.seed, today, prefix, first, envelopes, contributions, projects, commandCount };
}

/** Every command of a plan in the order a single client would send it (for --print and tests). */
export function* commandsOf(plan: PortfolioPlan): Generator<Record<string, unknown>> {
  for (const envelope of plan.envelopes) {
    yield { kind: 'ensure-envelope', actor: 'ada', year: envelope.year, fundingLine: envelope.fundingLine, amount: usd(envelope.amount) };
  }
  for (const step of plan.contributions) yield { ...step };
  for (const project of plan.projects) for (const step of project.steps) yield { ...step };
}

// ---------------------------------------------------------------------------------------

/** Decks and round-robin counters shared by the projects of one plan, consumed in order. */
class World {
  readonly year: number;
  readonly month: number;
  private readonly decks = new Map<string, string[]>();
  private readonly countryOrder: Record<string, Country[]> = {};
  private readonly groupOrder: Record<string, (typeof REGIONAL_GROUPS)[number][]> = {};
  private readonly turns: Record<string, number> = {};

  constructor(
    readonly seed: number,
    readonly today: string,
  ) {
    this.year = yearOf(today);
    this.month = monthOf(today);
    const random = new Random(seed, 3);
    for (const region of Object.keys(SHOWCASE) as (keyof typeof SHOWCASE)[]) {
      const showcase = SHOWCASE[region].map(countryOf);
      const rest = COUNTRIES.filter((country) => country.region === region && !SHOWCASE[region].includes(country.code));
      this.countryOrder[region] = [...showcase, ...random.shuffle(rest)];
      this.groupOrder[region] = random.shuffle(REGIONAL_GROUPS.filter((group) => countryOf(group.states[0]!).region === region));
    }
  }

  /** The index-th card of a stratified deck, renewed (reshuffled) every 100 projects. */
  card<K extends string>(name: string, weights: Readonly<Record<K, number>>, index: number): K {
    const block = Math.floor(index / 100);
    const key = `${name}/${block}`;
    let deck = this.decks.get(key);
    if (!deck) {
      deck = stratifiedDeck(weights, new Random(this.seed, 2, block, hashOf(name)));
      this.decks.set(key, deck);
      this.decks.delete(`${name}/${block - 2}`);
    }
    const total = deck.length;
    return deck[index % total] as K;
  }

  nextCountry(region: string): Country {
    const order = this.countryOrder[region]!;
    return order[this.turn(`country/${region}`) % order.length]!;
  }

  nextGroup(region: string): (typeof REGIONAL_GROUPS)[number] {
    const order = this.groupOrder[region]!;
    return order[this.turn(`group/${region}`) % order.length]!;
  }

  private turn(name: string): number {
    const turn = this.turns[name] ?? 0;
    this.turns[name] = turn + 1;
    return turn;
  }
}

/** FNV-1a: a stable number for a name, to seed a deck of its own. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

function countryOf(code: string): Country {
  const country = COUNTRIES.find((candidate) => candidate.code === code);
  if (!country) throw new Error(`no country ${code} in the catalogue`);
  return country;
}

const THEME_WEIGHTS = Object.fromEntries(THEMES.map((theme) => [theme.code, 10])) as Record<string, number>;
const LINE_WEIGHTS = { '1': 60, '2': 40 } as const;
const STARTED: readonly Stage[] = ['active', 'suspended', 'completed', 'closed'];

function planProject(world: World, index: number, prefix: string, number: number): ProjectScript {
  const random = new Random(world.seed, 1, index);
  const stage = world.card('stage', STAGE_WEIGHTS, index);
  const regionCard = world.card('region', REGION_WEIGHTS, index);
  const theme = THEMES.find((candidate) => candidate.code === world.card('theme', THEME_WEIGHTS, index))!;
  const fundingLine = Number(world.card('line', LINE_WEIGHTS, index)) as 1 | 2;

  // Coverage, states and the languages the proposal is written in.
  let coverage: ProjectScript['coverage'];
  let states: { code: string; share?: string }[];
  let languages: Language[];
  if (regionCard === 'global') {
    coverage = 'global';
    const regions = random.sample(Object.keys(SHOWCASE), random.int(3, 4));
    states = random.chance(0.3) ? [] : regions.map((region) => ({ code: world.nextCountry(region).code }));
    languages = random.chance(0.5) ? [random.pick<Language>(['fr', 'es', 'ru', 'ar'])] : [];
  } else if (random.chance(0.24)) {
    coverage = 'regional';
    const group = world.nextGroup(regionCard);
    const [lead, ...others] = group.states;
    states = [lead!, ...random.sample(others, random.int(1, Math.min(3, others.length)))].map((code) => ({ code }));
    languages = group.language ? [group.language] : [];
  } else {
    coverage = 'national';
    const country = world.nextCountry(regionCard);
    states = [{ code: country.code }];
    languages = [...country.languages];
  }
  if (states.length >= 2 && random.chance(0.45)) states = withShares(states, random);
  const region = regionCard;

  // Budget: between USD 30,000 and the ceiling, odd cents, staff and office ≤ 30 %.
  const ceiling = CEILINGS[fundingLine][coverage];
  const budget = budgetBetween(SMALLEST_BUDGET, ceiling, random);

  // Dates around today, so that every rule that reads the clock holds when the plan runs.
  const dates = datesFor(stage, world, random);
  const projectId = `${prefix}.${String(number).padStart(4, '0')}`;
  const lead = coverage === 'national' ? states[0]!.code : coverage === 'regional' ? 'RE' : 'GL';
  const primaId = `${lead}${String(dates.year % 100).padStart(2, '0')}${prefix}${String(number).padStart(4, '0')}`;

  const texts = textsFor(theme, states.map((state) => state.code), coverage, languages, random);
  const builder = new ProjectBuilder(projectId, world.today, random, {
    fundManager: FUND_MANAGER_OF_REGION[region]!,
    approvers: random.sample(APPROVERS, 2) as [ActorName, ActorName],
    financeOfficer: random.pick(FINANCE_OFFICERS),
    ceiling,
    fundingLine,
    year: dates.year,
  });
  const proposal = {
    primaId,
    title: texts.title,
    description: texts.description,
    thematicArea: theme.code,
    coverage,
    fundingLine,
    region,
    beneficiaryStates: states,
    plannedStartDate: dates.start,
    plannedEndDate: dates.end,
    year: dates.year,
    budget: { staffAndOfficeCosts: usd(budget.staff), operationalCosts: usd(budget.operational) },
  };
  builder.lifecycle(stage, proposal, budget.staff + budget.operational, {
    start: dates.start,
    end: dates.end,
    languages,
    theme,
    states: states.map((state) => state.code),
    coverage,
    descriptionVariant: texts.descriptionVariant,
  });
  return {
    index,
    projectId,
    primaId,
    stage,
    year: dates.year,
    fundingLine,
    region,
    coverage,
    states: states.map((state) => state.code),
    thematicArea: theme.code,
    languages,
    budget: builder.budget,
    committed: builder.committed,
    disbursed: builder.disbursed,
    spent: builder.spent,
    peakReserved: builder.peakReserved,
    steps: builder.steps,
  };
}

/** Explicit shares in percent with two decimals that add up to exactly 100 ("33.34"). */
function withShares(states: { code: string }[], random: Random): { code: string; share: string }[] {
  const weights = states.map(() => random.int(1, 5));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const exact = weights.map((weight) => (weight * 10_000) / total);
  const basisPoints = exact.map(Math.floor);
  let left = 10_000 - basisPoints.reduce((sum, bp) => sum + bp, 0);
  const order = exact.map((value, i) => ({ i, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    basisPoints[i] = basisPoints[i]! + 1;
    left -= 1;
  }
  return states.map((state, i) => ({ code: state.code, share: `${Math.trunc(basisPoints[i]! / 100)}.${String(basisPoints[i]! % 100).padStart(2, '0')}` }));
}

function budgetBetween(low: number, high: number, random: Random): { staff: number; operational: number } {
  // The mean of two uniform draws: budgets cluster in the middle of the range, as they do.
  const total = oddCents(low + Math.floor(((random.float() + random.float()) / 2) * (high - low)));
  const staff = Math.floor((total * random.int(1200, 3000)) / 10_000);
  return { staff, operational: total - staff };
}

interface PlannedDates {
  year: number;
  start: string;
  end: string;
}

/** Years, start and end by final status: closed projects are old, pipeline ones are next year's. */
function datesFor(stage: Stage, world: World, random: Random): PlannedDates {
  const { year: Y, month: M, today } = world;
  const years: Record<Stage, number[]> = {
    closed: [Y - 4, Y - 3, Y - 3, Y - 2, Y - 2],
    completed: [Y - 2, Y - 1, Y - 1],
    cancelled: [Y - 2, Y - 1, Y],
    active: [Y - 2, Y - 1, Y - 1, Y, Y],
    suspended: [Y - 1, Y],
    approved: [Y, Y + 1],
    rejected: [Y - 3, Y - 2, Y - 1, Y, Y + 1],
    retained: [Y, Y + 1],
    endorsed: [Y, Y + 1],
    submitted: [Y, Y + 1, Y + 1],
    draft: [Y, Y + 1, Y + 1],
  };
  const year = random.pick(years[stage]);
  const started = STARTED.includes(stage) || stage === 'cancelled';
  const pipeline = ['draft', 'submitted', 'endorsed', 'retained', 'approved'].includes(stage);
  let month: number;
  if (year === Y && started) month = random.int(1, Math.max(1, M - 1));
  else if (year === Y && pipeline) month = random.int(Math.min(M + 1, 12), 12);
  else month = random.int(1, 10);
  let start = `${year}-${String(month).padStart(2, '0')}-01`;
  const endAfter = (months: number) => addDays(addMonths(start, months), -1);

  let months = random.int(12, 24);
  if (stage === 'closed' || stage === 'completed') {
    // Over before today (a completed one may end a little later: completed early).
    const latestEnd = stage === 'closed' ? addDays(today, -60) : addDays(today, 20);
    while (endAfter(months) > latestEnd) {
      if (months > 9) months -= 1;
      else {
        start = addMonths(start, -12);
        months = random.int(12, 24);
      }
    }
  } else if (stage === 'active' || stage === 'suspended') {
    // Still running, long enough ahead for budget revisions and extensions (rule 10).
    months = random.int(12, 36);
    while (endAfter(months) < addDays(today, 150)) months += 1;
  } else {
    months = random.int(12, 30);
  }
  return { year: yearOf(start), start, end: endAfter(months) };
}

function textsFor(
  theme: Theme,
  states: readonly string[],
  coverage: ProjectScript['coverage'],
  languages: readonly Language[],
  random: Random,
): { title: Record<string, string>; description: Record<string, string>; descriptionVariant: number } {
  const titleVariant = random.int(0, theme.titles.en.length - 1);
  const descriptionVariant = random.int(0, theme.descriptions.en.length - 1);
  const place = (language: Language): string => {
    if (coverage === 'global') return GLOBAL_SUFFIX[language];
    const names = states.slice(0, 3).map((code) => countryOf(code).names[language]);
    return names.join(language === 'ar' ? '، ' : ', ') + (states.length > 3 ? ' …' : '');
  };
  const titleIn = (language: Language) =>
    coverage === 'global' ? `${theme.titles[language][titleVariant]} (${place(language)})` : `${theme.titles[language][titleVariant]}: ${place(language)}`;
  const title: Record<string, string> = {};
  const description: Record<string, string> = {};
  // A proposal is in English and the states' language; a few only in the latter.
  const englishToo = languages.length === 0 || !random.chance(0.12);
  if (englishToo) title.en = titleIn('en');
  for (const language of languages) title[language] = titleIn(language);
  const local = languages[0];
  if (local === undefined || englishToo) description.en = theme.descriptions.en[descriptionVariant]!;
  if (local !== undefined && (!englishToo || random.chance(0.65))) description[local] = theme.descriptions[local][descriptionVariant]!;
  return { title, description, descriptionVariant };
}

// ---------------------------------------------------------------------------------------

interface People {
  fundManager: ActorName;
  /** The first endorses, the second approves (four eyes, rule 6). */
  approvers: [ActorName, ActorName];
  financeOfficer: ActorName;
  ceiling: number;
  fundingLine: 1 | 2;
  year: number;
}

interface Shape {
  start: string;
  end: string;
  languages: readonly Language[];
  theme: Theme;
  states: readonly string[];
  coverage: ProjectScript['coverage'];
  descriptionVariant: number;
}

/**
 * Writes one project's commands and keeps the figures the service will hold (budget,
 * committed, disbursed, spent, end date), so that every command it writes is one the domain
 * accepts: the builder checks the rules itself and throws on a plan that would break one.
 */
class ProjectBuilder {
  readonly steps: Step[] = [];
  budget = 0;
  committed = 0;
  disbursed = 0;
  spent = 0;
  peakReserved = 0;
  private ended = false;
  private staff = 0;
  private currentEnd = '';
  private actualStart = '';
  /**
   * The business date (effectiveOn) of the next step: it never goes back, moves two days a
   * step and never past `lastOn` — the planned start (or yesterday) until implementation
   * starts, so that the approval precedes the actual start and every value date; today after.
   * No random draw: the rest of the plan is the one it was (ADR 0019).
   */
  private on = '';
  private lastOn = '';
  private transactions = 0;
  private expenditures: { id: string; amount: number }[] = [];
  private requests = 0;
  private reports = 0;
  private readonly path: string;

  constructor(
    readonly projectId: string,
    private readonly today: string,
    private readonly random: Random,
    private readonly people: People,
  ) {
    this.path = `/projects/${projectId}`;
  }

  lifecycle(stage: Stage, proposal: Record<string, unknown> & { budget: { staffAndOfficeCosts: string } }, total: number, shape: Shape): void {
    const { random, people } = this;
    const [endorser, approver] = people.approvers;
    const fm = people.fundManager;
    this.budget = total;
    this.staff = cents(proposal.budget.staffAndOfficeCosts);
    this.currentEnd = shape.end;
    this.lastOn = minDate(shape.start, addDays(this.today, -1));
    this.on = addDays(this.lastOn, -60);

    this.send(fm, '', 'DraftProject', { projectId: this.projectId, ...proposal }, 201, '/projects');
    if (stage === 'draft') {
      if (random.chance(0.3)) this.amend(fm, shape);
      if (random.chance(0.25)) {
        this.endorsements(fm, shape);
        this.send(fm, '/submit', 'SubmitProject');
        this.send(endorser, '/return', 'ReturnProject', { reason: random.pick(REASONS.return) });
        this.amend(fm, shape);
      }
      return;
    }
    if (random.chance(0.1)) this.amend(fm, shape);
    this.endorsements(fm, shape);
    this.send(fm, '/submit', 'SubmitProject');
    if (stage === 'submitted') return;
    if (random.chance(0.08)) {
      this.send(endorser, '/return', 'ReturnProject', { reason: random.pick(REASONS.return) });
      this.amend(fm, shape);
      this.send(fm, '/submit', 'SubmitProject');
    }
    if (stage === 'rejected' && random.chance(0.5)) {
      this.send(endorser, '/reject', 'RejectProject', { reason: random.pick(REASONS.reject) });
      return;
    }
    this.send(endorser, '/endorse', 'EndorseProject');
    if (stage === 'endorsed') return;
    if (stage === 'rejected') {
      this.send(approver, '/reject', 'RejectProject', { reason: random.pick(REASONS.reject) });
      return;
    }
    if (stage === 'retained' || random.chance(0.1)) this.send(approver, '/retain', 'RetainProject', { reason: random.pick(REASONS.retain) });
    if (stage === 'retained') return;

    this.send(approver, '/approve', 'ApproveProject');
    this.committed = this.budget;
    this.peakReserved = this.committed;
    if (stage === 'approved') {
      if (random.chance(0.4)) this.focalPoint(fm, shape);
      if (random.chance(0.15)) this.revision(random.pick(['approve', 'reject', 'pending'] as const));
      return;
    }
    if (stage === 'cancelled' && random.chance(0.4)) {
      this.cancel(approver);
      return;
    }

    this.focalPoint(fm, shape);
    this.actualStart = minDate(addDays(shape.start, random.int(0, 40)), addDays(this.today, -1));
    this.lastOn = this.today;
    this.on = maxDate(this.on, this.actualStart);
    this.send(fm, '/start', 'StartImplementation', { actualStartDate: this.actualStart });
    const running = stage === 'active' || stage === 'suspended';
    const finished = stage === 'completed' || stage === 'closed';

    // The first tranche; then change requests while the project runs.
    this.disburse(percentOf(this.committed, random.int(30, 55)));
    if (random.chance(running ? 0.7 : 0.9)) this.expend(percentOf(this.disbursed, random.int(20, 70)), random.int(1, 2));
    if (random.chance(running ? 0.35 : 0.2)) this.revision(random.pick(running ? (['approve', 'approve', 'reject', 'pending'] as const) : (['approve', 'reject'] as const)));
    if (random.chance(running ? 0.25 : 0.15)) this.extension(random.pick(running ? (['approve', 'approve', 'reject', 'pending'] as const) : (['approve', 'reject'] as const)));
    if (stage === 'active' && random.chance(0.08)) {
      this.send(approver, '/suspend', 'SuspendProject', { reason: random.pick(REASONS.suspend) });
      this.send(approver, '/resume', 'ResumeProject', { reason: random.pick(REASONS.resume) });
    }
    if (running || finished) {
      if (finished || random.chance(0.5)) this.report('interim', finished ? 'accept' : random.pick(['accept', 'accept', 'reject', 'pending'] as const));
    }
    if (stage === 'cancelled') {
      this.cancel(approver);
      // Money comes back late: a refund after cancellation is released to the envelope at once.
      if (random.chance(0.5)) this.refund(Math.floor(this.unspent() / 2));
      return;
    }
    if (stage === 'suspended') {
      this.send(approver, '/suspend', 'SuspendProject', { reason: random.pick(REASONS.suspend) });
      return;
    }
    if (stage === 'active') {
      if (random.chance(0.4)) this.disburse(percentOf(this.committed - this.disbursed, random.int(30, 60)));
      this.correction();
      return;
    }

    // Completed and closed: the rest of the money, then the final reports.
    this.disburse(percentOf(this.committed, random.int(88, 100)) - this.disbursed);
    this.expend(percentOf(this.disbursed, random.int(92, 100)) - this.spent, random.int(1, 3));
    this.correction();
    const actualEnd = maxDate(minDate(this.currentEnd, this.today), this.actualStart);
    this.on = maxDate(this.on, actualEnd);
    this.send(fm, '/complete', 'CompleteProject', { actualEndDate: actualEnd });
    if (stage === 'completed') {
      if (random.chance(0.3)) this.refund(percentOf(this.unspent(), random.int(20, 100)));
      if (random.chance(0.6)) {
        this.report('final-narrative', 'pending');
        this.report('final-financial', random.pick(['pending', 'accept'] as const));
      }
      return;
    }
    this.report('final-narrative', 'accept');
    this.report('final-financial', random.chance(0.1) ? 'reject-then-accept' : 'accept');
    // An unspent balance is refunded before closing, or the closure says why it stays.
    if (random.chance(0.5)) this.refund(this.unspent());
    const balance = this.unspent();
    this.send(approver, '/close', 'CloseProject', balance > 0 ? { reason: random.pick(REASONS.closeWithBalance) } : {});
    this.end(); // ADR 0018: what closure released is decommitted
    // Some of it comes back after closure, and goes straight back to the envelope.
    if (balance > 0 && random.chance(0.3)) this.refund(balance);
  }

  private cancel(approver: ActorName): void {
    this.send(approver, '/cancel', 'CancelProject', { reason: this.random.pick(REASONS.cancel) });
    this.end();
  }

  /** Closure or cancellation: what was not disbursed goes back, committed is what stays. */
  private end(): void {
    this.committed = this.disbursed;
    this.ended = true;
  }

  /** Disbursed and not spent: what a refund may return. */
  private unspent(): number {
    return Math.max(0, this.disbursed - this.spent);
  }

  /** A refund of unspent money by the finance officer: a negative disbursement. */
  private refund(amount: number): void {
    if (amount <= 0 || amount > this.unspent()) return;
    this.transactions += 1;
    this.disbursed -= amount;
    // After closure or cancellation the refund is released and decommitted at once.
    if (this.ended) this.committed -= amount;
    this.send(this.people.financeOfficer, '/refunds', 'RecordRefund', {
      transactionId: `R-${this.transactions}`,
      amount: usd(amount),
      valueDate: this.onValueDate(this.valueDate()),
      reference: `RET/${this.people.year}/${this.projectId.slice(-4)}/${this.transactions}`,
      reason: this.random.pick(REASONS.refund),
    });
  }

  // --- the steps ----------------------------------------------------------------------

  /** Each step says its business date, and the next one comes a little later. */
  private send(actor: ActorName, suffix: string, command: string, body: Record<string, unknown> = {}, expect: 200 | 201 = 200, path = `${this.path}${suffix}`): void {
    this.steps.push({ actor, method: 'POST', path, body: { ...body, effectiveOn: this.on }, expect, command });
    this.on = minDate(addDays(this.on, 2), maxDate(this.lastOn, this.on));
  }

  /** A transaction is entered on its value date at the earliest. */
  private onValueDate(valueDate: string): string {
    this.on = maxDate(this.on, valueDate);
    return valueDate;
  }

  private endorsements(fm: ActorName, shape: Shape): void {
    if (shape.coverage === 'global') return;
    // A regional project needs two endorsements; most get them from every state.
    const endorsing = shape.coverage === 'regional' && shape.states.length > 2 && this.random.chance(0.3) ? shape.states.slice(0, 2) : shape.states;
    for (const state of endorsing) {
      const endorsedOn = minDate(addDays(shape.start, -this.random.int(30, 150)), addDays(this.today, -this.random.int(1, 20)));
      this.send(fm, '/government-endorsements', 'RecordGovernmentEndorsement', {
        state,
        endorsedOn,
        authority: `${this.random.pick(ENDORSING_AUTHORITIES)} (${state})`,
      });
    }
  }

  /** A change to the draft: a new budget (within the same rules) or another description. */
  private amend(fm: ActorName, shape: Shape): void {
    if (this.random.chance(0.5)) {
      const { staff, operational } = budgetBetween(SMALLEST_BUDGET, this.people.ceiling, this.random);
      if (staff + operational === this.budget) return;
      this.budget = staff + operational;
      this.staff = staff;
      this.send(fm, '/amend', 'AmendDraft', { budget: { staffAndOfficeCosts: usd(staff), operationalCosts: usd(operational) } });
    } else {
      // Always a real change: the service answers an amendment that changes nothing with a 500.
      const variant = (shape.descriptionVariant = (shape.descriptionVariant + 1) % shape.theme.descriptions.en.length);
      const description: Record<string, string> = { en: shape.theme.descriptions.en[variant]! };
      for (const language of shape.languages) description[language] = shape.theme.descriptions[language][variant]!;
      this.send(fm, '/amend', 'AmendDraft', { description });
    }
  }

  private focalPoint(fm: ActorName, shape: Shape): void {
    const sphere: Language = shape.languages[0] ?? 'en';
    const name = this.random.pick(FOCAL_POINTS[sphere]);
    const organisation = this.random.pick(shape.theme.counterparts);
    const email = `${name.normalize('NFD').replace(/[^A-Za-z ]/g, '').trim().toLowerCase().replace(/\s+/g, '.')}@gov.example`;
    this.send(fm, '/focal-point', 'RecordFocalPoint', { name, organisation, ...(this.random.chance(0.6) ? { email } : {}) });
  }

  /** A value date between the actual start and today (or the end, if earlier). */
  private valueDate(): string {
    const from = this.actualStart;
    const to = maxDate(from, minDate(this.today, this.currentEnd));
    return addDays(from, this.random.int(0, Math.max(0, daysBetween(from, to))));
  }

  private disburse(amount: number): void {
    const value = oddCents(amount);
    if (value <= 0) return;
    if (this.disbursed + value > this.committed) throw new Error(`${this.projectId}: the plan would disburse more than committed (rule 9)`);
    this.transactions += 1;
    this.disbursed += value;
    this.send(this.people.financeOfficer, '/disbursements', 'RecordDisbursement', {
      transactionId: `D-${this.transactions}`,
      amount: usd(value),
      valueDate: this.onValueDate(this.valueDate()),
      reference: `PAY/${this.people.year}/${this.projectId.slice(-4)}/${this.transactions}`,
    });
  }

  private expend(total: number, parts: number): void {
    let left = total;
    for (let part = 1; part <= parts && left > 0; part += 1) {
      const amount = oddCents(part === parts ? left : Math.floor(left * (this.random.int(30, 70) / 100)));
      if (amount <= 0) break;
      if (this.spent + amount > this.committed) throw new Error(`${this.projectId}: the plan would spend more than committed (rule 9)`);
      this.transactions += 1;
      this.spent += amount;
      left -= amount;
      const id = `E-${this.transactions}`;
      this.expenditures.push({ id, amount });
      this.send(this.people.fundManager, '/expenditures', 'RecordExpenditure', { transactionId: id, amount: usd(amount), valueDate: this.onValueDate(this.valueDate()) });
    }
  }

  /** Rule 13: a compensating event, now and then, for an expenditure typed wrong. */
  private correction(): void {
    const last = this.expenditures.at(-1);
    if (!last || last.amount < 10_000 || !this.random.chance(0.06)) return;
    const corrected = last.amount - this.random.int(100, 5_000);
    this.spent += corrected - last.amount;
    last.amount = corrected;
    this.send(this.people.financeOfficer, `/transactions/${last.id}/corrections`, 'CorrectTransaction', {
      correctedAmount: usd(corrected),
      reason: this.random.pick(REASONS.correction),
    });
  }

  /** Rule 10: requested at least a month before the current end date (with a week to spare). */
  private requestInTime(): boolean {
    return addMonths(this.currentEnd, -1) >= addDays(this.today, 7);
  }

  private revision(decision: 'approve' | 'reject' | 'pending'): void {
    if (!this.requestInTime()) return;
    const floor = Math.max(this.disbursed, this.spent, SMALLEST_BUDGET);
    let total = Math.round((this.committed * this.random.int(85, 120)) / 100);
    total = oddCents(Math.min(Math.max(total, floor), this.people.ceiling));
    if (total < floor || total === this.committed) return;
    const staff = Math.min(Math.floor((total * this.random.int(1200, 3000)) / 10_000), Math.floor((total * 30) / 100));
    if (staff === this.staff) return;
    this.requests += 1;
    const requestId = `REV-${this.requests}`;
    this.send(this.people.fundManager, '/budget-revisions', 'RequestBudgetRevision', {
      requestId,
      budget: { staffAndOfficeCosts: usd(staff), operationalCosts: usd(total - staff) },
      reason: this.random.pick(REASONS.revision),
    });
    const approver = this.people.approvers[1];
    if (decision === 'approve') {
      this.send(approver, `/budget-revisions/${requestId}/approve`, 'ApproveBudgetRevision');
      this.committed = total;
      this.budget = total;
      this.staff = staff;
      this.peakReserved = Math.max(this.peakReserved, total);
    } else if (decision === 'reject') {
      this.send(approver, `/budget-revisions/${requestId}/reject`, 'RejectBudgetRevision', { reason: this.random.pick(REASONS.rejectRevision) });
    } else {
      // Left pending: the envelope may have to reserve it later.
      this.peakReserved = Math.max(this.peakReserved, total);
    }
  }

  private extension(decision: 'approve' | 'reject' | 'pending'): void {
    if (!this.requestInTime()) return;
    this.requests += 1;
    const requestId = `EXT-${this.requests}`;
    const newEndDate = addMonths(this.currentEnd, this.random.int(3, 9));
    this.send(this.people.fundManager, '/extensions', 'RequestNoCostExtension', { requestId, newEndDate, reason: this.random.pick(REASONS.extension) });
    const approver = this.people.approvers[1];
    if (decision === 'approve') {
      this.send(approver, `/extensions/${requestId}/approve`, 'ApproveNoCostExtension');
      this.currentEnd = newEndDate;
    } else if (decision === 'reject') {
      this.send(approver, `/extensions/${requestId}/reject`, 'RejectNoCostExtension', { reason: this.random.pick(REASONS.rejectExtension) });
    }
  }

  private report(kind: 'interim' | 'final-narrative' | 'final-financial', outcome: 'accept' | 'reject' | 'pending' | 'reject-then-accept'): void {
    this.reports += 1;
    const reportId = `${kind.toUpperCase()}-${this.reports}`;
    const summaries = {
      interim: 'Activities on track; see the annexed work plan.',
      'final-narrative': 'All outputs delivered; lessons learned annexed.',
      'final-financial': 'Certified statement of expenditure attached.',
    };
    this.send(this.people.fundManager, '/reports', 'SubmitReport', { reportId, kind, summary: summaries[kind] });
    const approver = this.people.approvers[1];
    if (outcome === 'accept') this.send(approver, `/reports/${reportId}/accept`, 'AcceptReport');
    if (outcome === 'reject' || outcome === 'reject-then-accept') {
      this.send(approver, `/reports/${reportId}/reject`, 'RejectReport', { reason: this.random.pick(REASONS.rejectReport) });
    }
    if (outcome === 'reject-then-accept') this.report(kind, 'accept');
  }
}

function cents(amount: string): number {
  const [whole, fraction] = amount.split('.');
  return Number(whole) * 100 + Number(fraction);
}

function percentOf(amount: number, percent: number): number {
  return Math.floor((amount * percent) / 100);
}

// ---------------------------------------------------------------------------------------

/** An envelope per (year, line) that holds every project's peak reservation, with headroom. */
function envelopesFor(projects: readonly ProjectScript[]): EnvelopePlan[] {
  const needs = new Map<string, EnvelopePlan>();
  for (const project of projects) {
    const key = `${project.year}/${project.fundingLine}`;
    const need = needs.get(key) ?? { year: project.year, fundingLine: project.fundingLine, amount: 0 };
    need.amount += project.peakReserved;
    needs.set(key, need);
  }
  return [...needs.values()]
    .map((need) => ({ ...need, amount: Math.ceil((need.amount * 1.15 + 250_000_00) / 1_000_00) * 1_000_00 }))
    .sort((a, b) => a.year - b.year || a.fundingLine - b.fundingLine);
}

/**
 * Donors pledge about the size of each envelope; past years' pledges are received in full,
 * this year's in part, next year's not yet (a pledge does not count until received).
 */
function contributionsFor(envelopes: readonly EnvelopePlan[], seed: number, today: string, prefix: string): Step[] {
  const random = new Random(seed, 5);
  const currentYear = yearOf(today);
  const steps: Step[] = [];
  for (const envelope of envelopes) {
    const donors = random.sample(DONORS, random.int(2, 4));
    const weights = donors.map(() => random.int(2, 10));
    const weightTotal = weights.reduce((sum, weight) => sum + weight, 0);
    const pledgedTotal = Math.floor((envelope.amount * random.int(85, 115)) / 100);
    donors.forEach((donor, i) => {
      const contributionId = `${prefix}-S${seed}-${envelope.year}-L${envelope.fundingLine}-${i + 1}`;
      const amount = Math.round((pledgedTotal * weights[i]!) / weightTotal / 1_000_00) * 1_000_00 || 10_000_00;
      const earmark = random.chance(0.25) ? { earmarkedRegion: random.pick(Object.keys(SHOWCASE)) } : {};
      steps.push({
        actor: 'ada',
        method: 'POST',
        path: '/contributions',
        body: { contributionId, donor, year: envelope.year, fundingLine: envelope.fundingLine, amount: usd(amount), ...earmark },
        expect: 201,
        command: 'PledgeContribution',
      });
      const share = envelope.year < currentYear ? 100 : envelope.year === currentYear ? random.int(30, 80) : random.chance(0.3) ? random.int(10, 30) : 0;
      const received = Math.floor((amount * share) / 100);
      const receipts = received === 0 ? 0 : share === 100 ? random.int(1, 2) : 1;
      let left = received;
      for (let receipt = 1; receipt <= receipts; receipt += 1) {
        const part = receipt === receipts ? left : Math.floor(left / 2);
        left -= part;
        const date = envelope.year < currentYear ? `${envelope.year}-${String(random.int(2, 11)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}` : addDays(today, -random.int(1, 60));
        steps.push({
          actor: 'ingrid',
          method: 'POST',
          path: `/contributions/${contributionId}/receipts`,
          body: { receiptId: `R-${receipt}`, amount: usd(part), receivedOn: minDate(date, today) },
          expect: 200,
          command: 'RecordContributionReceipt',
        });
      }
    });
  }
  return steps;
}

/** What a plan contains, counted: for the generator's output, the demo and the benchmark report. */
export function summarize(plan: PortfolioPlan) {
  const count = <K extends string>(key: (project: ProjectScript) => K | K[]) => {
    const counts: Record<string, number> = {};
    for (const project of plan.projects) {
      for (const value of ([] as K[]).concat(key(project))) counts[value] = (counts[value] ?? 0) + 1;
    }
    return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
  };
  const commands: Record<string, number> = {};
  for (const project of plan.projects) for (const step of project.steps) commands[step.command] = (commands[step.command] ?? 0) + 1;
  for (const step of plan.contributions) commands[step.command] = (commands[step.command] ?? 0) + 1;
  return {
    seed: plan.seed,
    today: plan.today,
    projects: plan.projects.length,
    commands: plan.commandCount,
    byStatus: count((project) => project.stage),
    byRegion: count((project) => project.region),
    byCoverage: count((project) => project.coverage),
    byLine: count((project) => `line ${project.fundingLine}`),
    byYear: count((project) => String(project.year)),
    byLanguage: count((project) => ['en', ...project.languages]),
    envelopes: plan.envelopes.map((envelope) => ({ year: envelope.year, fundingLine: envelope.fundingLine, amount: usd(envelope.amount) })),
    budget: usd(plan.projects.reduce((sum, project) => sum + project.budget, 0)),
    commandsByType: Object.fromEntries(Object.entries(commands).sort(([, a], [, b]) => b - a)),
  };
}
