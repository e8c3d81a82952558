// Ends every run with the plain line CI reads: "N passed, N failed" (", N skipped" when some were).
// A suite that could not run at all (a compile error, a failing hook) counts as one failure.
// Before it, the slowest test files: where the run's time goes, so that a slow addition shows.
const { relative } = require('node:path');

const SLOWEST = 12;

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const durations = results.testResults
      .map((file) => ({
        seconds: (file.perfStats.end - file.perfStats.start) / 1000,
        path: relative(process.cwd(), file.testFilePath),
      }))
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, SLOWEST);
    const slowest = durations.map(({ seconds, path }) => `  ${seconds.toFixed(1).padStart(6)} s  ${path}`);
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
    process.stdout.write(`\nSlowest test files:\n${slowest.join('\n')}\n\n${line}\n`);
  }
}
module.exports = SummaryReporter;
