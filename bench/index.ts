// `npm run bench -- <name>`: runs one benchmark and prints ONE JSON line with its measurements.
const RENDERER_DAY: string = './renderer-day';
const benches: Record<string, () => Promise<{ run(): Promise<Record<string, unknown>> }>> = {
  campaign: () => import('./campaign'),
  cli: () => import('./cli'),
  gateway: () => import('./gateway'),
  'gateway-replies': () => import('./gateway-replies'),
  history: () => import('./history'),
  import: () => import('./import'),
  jobs: () => import('./jobs'),
  lock: () => import('./lock'),
  monitor: () => import('./monitor'),
  // Type-checked with the e2e tests (tsconfig.e2e.json: it drives Chromium), so imported by a name here.
  'renderer-day': () => import(RENDERER_DAY),
};

const name = process.argv[2];
const load = name ? benches[name] : undefined;
if (!load) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
const result = await (await load()).run();
console.log(JSON.stringify({ bench: name, ...result }));
process.exit(0);
