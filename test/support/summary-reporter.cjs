/**
 * Prints one closing line in the plain form CI tools read: "N passed, N failed, N skipped".
 * (Jest's own summary says the same in its own layout.)
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped`;
    process.stdout.write(`\njest: ${line}\n`);
  }
}
module.exports = SummaryReporter;
