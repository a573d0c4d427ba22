// The prefix of the suite's own log lines, so the runner can pick them out of the workbench's log.
export const SUITE_MARK = "[suite] ";
