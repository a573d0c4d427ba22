// The `process` that the npm assert and util packages read (process.env.NODE_DEBUG, process.stderr): injected into
// the web suite's bundle only, as a module binding; the worker's global scope keeps having no `process`.
export const process = { env: {} as Record<string, string | undefined> };
