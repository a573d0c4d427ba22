// Progress on stderr for long runs in a terminal; silent when stderr is piped or redirected, so logs stay clean.

/** Reports how many files are done; `done()` clears the line. */
export interface Progress {
  tick(file: string): void;
  done(): void;
}

const silent: Progress = { tick: () => undefined, done: () => undefined };

/** A progress line for `total` files, shown only on a TTY and only once a run has lasted a moment. */
export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total < 2) return silent;
  const started = Date.now();
  let count = 0;
  let shown = false;
  let last = 0;
  return {
    tick(file) {
      count++;
      const now = Date.now();
      // Quick runs print nothing; long ones redraw at most ten times a second.
      if (now - started < 300 || now - last < 100) return;
      last = now;
      shown = true;
      const name = file.length > 50 ? `...${file.slice(-47)}` : file;
      stream.write(`\r\x1b[2Kbacklog-coach: ${count}/${total} ${name}`);
    },
    done() {
      if (shown) stream.write("\r\x1b[2K");
    },
  };
}
