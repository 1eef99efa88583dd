// Prints one closing line over the Vitest JSON reports that `npm test` writes, so CI logs end
// with the totals of unit and browser tests together.
import { readFileSync } from 'node:fs';

const reports = ['test-results/unit.json', 'test-results/e2e.json'].map((f) => JSON.parse(readFileSync(f, 'utf8')));
const sum = (key) => reports.reduce((n, r) => n + r[key], 0);
console.log(`Tests: ${sum('numPassedTests')} passed, ${sum('numFailedTests')} failed, ${sum('numPendingTests')} skipped`);
