// Decides whether to restart a crashed language server and what to tell the user: one message, never a storm.

/** What to do after the server's connection closed. */
export interface RestartDecision {
  readonly restart: boolean;
  /** A message to show the user, or undefined to stay quiet. */
  readonly message?: string;
}

/**
 * Restarts the server up to `maxRestarts` times within `windowMs`. The user hears about the first restart
 * of a session and about giving up, and about nothing in between.
 */
export class RestartPolicy {
  private readonly crashes: number[] = [];
  private told = false;

  constructor(
    private readonly maxRestarts = 4,
    private readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  onClosed(): RestartDecision {
    const time = this.now();
    this.crashes.push(time);
    while (this.crashes.length > 0 && (this.crashes[0] ?? 0) < time - this.windowMs) this.crashes.shift();
    if (this.crashes.length > this.maxRestarts) {
      return {
        restart: false,
        message: `Backlog Coach's checker stopped ${this.crashes.length} times in ${Math.round(this.windowMs / 60_000)} minutes and will not be restarted. Run "Backlog Coach: Restart Language Server" to try again; the "Backlog Coach" output shows why.`,
      };
    }
    if (this.told) return { restart: true };
    this.told = true;
    return {
      restart: true,
      message: 'Backlog Coach\'s checker stopped unexpectedly and was restarted. The "Backlog Coach" output shows why.',
    };
  }

  /** After a manual restart the count starts again. */
  reset(): void {
    this.crashes.length = 0;
  }
}
