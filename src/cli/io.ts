// Where the CLI reads and writes: the process's streams for the bin, buffers in tests. A closed pipe ends output quietly.

export type Sink = { write(text: string): void; isTTY: boolean };

export type Io = {
  stdout: Sink;
  stderr: Sink;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** The platform (`process.platform`): which shell a printed command is written for (shell.ts). Default: this process's. */
  platform?: string;
};

/**
 * The process's own streams. When the reader goes away (`olostep-billing credits | head -c 1`), writing stops
 * without a word, as git and ls do, and the command still ends with its own exit code.
 */
export function processIo(): Io {
  return { stdout: sink(process.stdout), stderr: sink(process.stderr), stdin: process.stdin, env: process.env, platform: process.platform };
}

function sink(stream: NodeJS.WriteStream): Sink {
  let closed = false;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    closed = true;
  });
  return {
    write: (text) => {
      if (!closed) stream.write(text);
    },
    isTTY: Boolean(stream.isTTY),
  };
}

export const line = (to: Sink, text: string): void => to.write(`${text}\n`);
