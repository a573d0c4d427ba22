// Counts the messages a connection dispatches, so the server can tell a flood of edits from a pause in typing.
import type { ConnectionOptions } from "vscode-languageserver";

/**
 * vscode-jsonrpc hands the server one queued message per turn of the event loop, and an analysis scheduled by
 * a change runs before the next queued message: under a flood of edits (a paste into many files, a client
 * replaying its queue) every superseded version would be analysed before the request that follows them. The
 * server waits while this count keeps moving (see `whenQuiet` in start-server.ts). Pass `options` to
 * `createConnection` and the instance to `startServer`.
 */
export class MessageActivity {
  private dispatched = 0;
  readonly options: ConnectionOptions = {
    messageStrategy: {
      handleMessage: (message, next) => {
        this.dispatched++;
        return next(message);
      },
    },
  };

  /** How many messages have been dispatched so far. */
  get count(): number {
    return this.dispatched;
  }
}
