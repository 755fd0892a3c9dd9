/**
 * Prints the skipped suites' reasons (tests titled "skipped: …", e.g. no EventStoreDB reachable: jest's verbose
 * output leaves out the titles of a file whose every test is skipped), then one closing line in the plain form
 * CI tools read: "N passed, N failed, N skipped", with the Node version the tests ran on (CI runs two). (Jest's own
 * summary says the same in its own layout.)
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const reasons = new Set();
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        if (test.status === 'pending' && test.title.startsWith('skipped:')) reasons.add(`${test.ancestorTitles.join(' › ')} — ${test.title}`);
      }
    }
    if (reasons.size > 0) process.stdout.write(`\n${[...reasons].map((reason) => `  ${reason}`).join('\n')}\n`);
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped`;
    process.stdout.write(`\njest on node ${process.version}: ${line}\n`);
  }
}
module.exports = SummaryReporter;
