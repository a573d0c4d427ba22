// Counts the messages a connection dispatches, so the server can tell a flood of edits from a pause in typing.
import type { ConnectionOptions } from "vscode-languageserver";

/**
 * vscode-jsonrpc hands the server one queued message per turn of the event loop, and an analysis scheduled by
 * a change runs before the next queued message: under a flood of edits (a paste into many files, a client
 * replaying its queue) every superseded version would be analysed before the request that follows them. Over a
 * pipe the queue is often empty between two large messages, so a count alone does not show the flood: the server
 * waits while the count keeps moving and while messages keep arriving close together (see `whenQuiet` in
 * start-server.ts). Pass `options` to `createConnection` and the instance to `startServer`.
 */
/** Messages closer together than this, STREAM_RUN times in a row, are a stream. */
export const STREAM_GAP_MS = 4;
const STREAM_RUN = 3;

export class MessageActivity {
  private dispatched = 0;
  private last = -Infinity;
  private closeRun = 0;
  readonly options: ConnectionOptions = {
    messageStrategy: {
      handleMessage: (message, next) => {
        const now = performance.now();
        this.dispatched++;
        this.closeRun = now - this.last < STREAM_GAP_MS ? this.closeRun + 1 : 0;
        this.last = now;
        return next(message);
      },
    },
  };

  /** How many messages have been dispatched so far. */
  get count(): number {
    return this.dispatched;
  }

  /** When the last message was dispatched (performance.now()). */
  get lastAt(): number {
    return this.last;
  }

  /**
   * Whether messages are streaming in: the last few came less than STREAM_GAP_MS apart each, as when a client
   * sends edits as fast as the pipe carries them. Typing is not a stream (a key every 30 ms or more), nor is a
   * change followed by the requests an editor sends with it (one or two, then a pause).
   */
  get streaming(): boolean {
    return this.closeRun >= STREAM_RUN;
  }
}
