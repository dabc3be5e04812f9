#!/usr/bin/env node
// Where a V8 CPU profile's time went, as text: self time by where the code lives (an npm
// package, a folder of this repository, Node's own modules, V8's own entries such as the
// garbage collector and idle), then the functions with the most self time.
//
//   node bench/cpu-profile-summary.mjs bench/results/<run>/api-*.cpuprofile [--top 25] [--from S --to S]
//
// `npm run bench -- --cpu-prof` writes the profiles (the whole run); --from/--to keep the
// samples between those seconds of the profile, e.g. one measure's phase.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isFinite(value)) throw new Error(`${name} takes a number`);
  args.splice(at, 2);
  return value;
};
const top = option('--top', 25);
const from = option('--from', 0);
const to = option('--to', Infinity);
if (args.length !== 1) {
  console.error('usage: node bench/cpu-profile-summary.mjs FILE.cpuprofile [--top N] [--from S --to S]');
  process.exit(2);
}

const profile = JSON.parse(readFileSync(args[0], 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));

/** Where a frame's code lives: a package, a folder of the repository, node:…, or V8's own entry. */
function placeOf(frame) {
  const url = frame.url;
  if (!url) return frame.functionName || '(anonymous)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const repo = /\/(apps\/[^/]+|libs\/[^/]+|bench)\//.exec(url);
  return repo ? repo[1] : url;
}

let total = 0;
const byPlace = new Map();
const byFunction = new Map();
let elapsed = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  elapsed += delta;
  const seconds = elapsed / 1e6;
  if (seconds < from || seconds > to) return;
  const frame = nodes.get(id).callFrame;
  const place = placeOf(frame);
  const name = `${frame.functionName || '(anonymous)'} ${frame.url ? `${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}` : ''}`.trim();
  total += delta;
  byPlace.set(place, (byPlace.get(place) ?? 0) + delta);
  byFunction.set(name, (byFunction.get(name) ?? 0) + delta);
});

const idle = byPlace.get('(idle)') ?? 0;
const busy = total - idle;
const line = ([name, micros]) =>
  `${(micros / 1000).toFixed(0).padStart(8)} ms ${((100 * micros) / busy).toFixed(1).padStart(5)} %  ${name}`;
console.log(`${args[0]}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (percentages of busy)`);
console.log('\nby where the code lives');
[...byPlace].filter(([name]) => name !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, top).forEach((entry) => console.log(line(entry)));
console.log('\nfunctions by self time');
[...byFunction].filter(([name]) => name !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, top).forEach((entry) => console.log(line(entry)));
