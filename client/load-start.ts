// Imported first by extension.ts, so its one statement runs before the client's libraries load: activate()
// reports how long loading them took from here.
export const LOAD_START = performance.now();
