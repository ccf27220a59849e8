/**
 * n8n-core hands every node error to its ErrorReporter, which (with no Sentry configured, as here)
 * prints it with its stack. The fault and validation tests provoke hundreds of such errors on
 * purpose and assert each one on the run itself, so the printout only buries a real warning.
 * A test file that turns n8n's logging up to debug (noLeak.test.ts reads everything printed)
 * still gets every report.
 */
import { ErrorReporter } from 'n8n-core';

type Report = ErrorReporter['report'];
const reporter = ErrorReporter.prototype as unknown as { defaultReport: Report };
const printReport = reporter.defaultReport;

// Patched on the prototype: the constructor copies defaultReport, and the reporter (with its
// logger, which reads N8N_LOG_LEVEL) must not be created before the test file sets that level.
reporter.defaultReport = function (this: ErrorReporter, ...args: Parameters<Report>) {
	if (process.env.N8N_LOG_LEVEL === 'debug') printReport.apply(this, args);
};
