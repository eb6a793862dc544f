// Writes the golden reports the golden test compares with: `node --import tsx test/unit/preflight/preflight-golden.write.ts`
// after a change that is meant to alter what the preflight answers (never to make a faster one pass). It
// prints the generated file's expectations for preflight-golden.test.ts. PREFLIGHT=<module> reads with another
// copy of the preflight (the one before a change).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { runPreflight as RunPreflight } from '../../../electron/main/preflight';
import { COUNTRIES, FIXTURE_DIRS, VARIANTS } from './preflight-golden.cases';
import { fullReport, generatedExpectation, goldenText, messyCsv } from './preflight-report';

const module = process.env.PREFLIGHT ? pathToFileURL(resolve(process.env.PREFLIGHT)).href : '../../../electron/main/preflight/index';
const { runPreflight } = (await import(module)) as { runPreflight: typeof RunPreflight };
const fixtures = join(import.meta.dirname, '../../fixtures');
const out = join(fixtures, 'preflight-golden');
mkdirSync(out, { recursive: true });
for (const dir of FIXTURE_DIRS) {
  for (const name of readdirSync(join(fixtures, dir)).sort()) {
    const report: Record<string, unknown> = {};
    for (const country of COUNTRIES) report[country] = await fullReport(runPreflight, { path: join(fixtures, dir, name) }, { country });
    writeFileSync(join(out, `${dir}--${name}.json`), goldenText(report as never));
  }
}
const bytes = Buffer.from(messyCsv(10_000), 'latin1');
for (const [label, options] of Object.entries(VARIANTS)) {
  console.log(`    ${JSON.stringify(label)}: ${JSON.stringify(generatedExpectation(await fullReport(runPreflight, { bytes }, options)))},`);
}
