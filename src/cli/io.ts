// Where the CLI writes: results to stdout, everything else to stderr, styled for the stream it goes to.
import { styleFor, type Style } from "./style.js";

export type Io = { out(text: string): void; err(text: string): void; style: Style; errStyle: Style };

export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    style: styleFor(process.stdout, process.env),
    errStyle: styleFor(process.stderr, process.env),
  };
}
