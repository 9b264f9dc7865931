// The parser fuzz suite (tests/fuzz/fuzz.ts), seeded: a few hundred inputs
// per parser in `npm test`; `npm run fuzz` sets FUZZ_RUNS=10000. FUZZ_SEED
// picks other inputs.
import { describe, expect, it } from 'vitest';
import { TARGETS, formatSummary } from '../fuzz/fuzz';

const runs = Number(process.env.FUZZ_RUNS ?? 500);
const seed = Number(process.env.FUZZ_SEED ?? 20261202);
// Two 1 MB inputs per parser in the small run; one in a hundred in the full one.
const bigEvery = runs >= 5000 ? 100 : Math.ceil(runs / 2);

describe(`parser fuzzing (${runs} inputs each, seed ${seed})`, () => {
  it.each(TARGETS.map((target) => [target.name, target] as const))('%s never throws, hangs or accepts an invalid deck', async (_, target) => {
    const summary = await target.run({ runs, seed, bigEvery });
    console.log(formatSummary(summary));
    expect(summary.inputs).toBe(runs);
    expect(summary.failures).toEqual([]);
  }, Math.max(60_000, runs * 50));
});
