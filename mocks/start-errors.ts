// Why a mock did not start: one line each, naming what to do.

/** The mock could not start: its port is taken, Prism is missing or would not start. Nothing is left running. */
export class MockStartError extends Error {
  /** The class's name, as logs show it. */
  override name = "MockStartError";
}

/** Prism itself would not start (the port is taken, it exited, it never said it was listening). */
export class PrismStartError extends MockStartError {
  /** The class's name, as logs show it. */
  override name = "PrismStartError";
}

/** The exact command that installs the optional peer the Prism-backed mock needs (the pin the package is tested with). */
export const PRISM_INSTALL = "npm install --save-dev --save-exact @stoplight/prism-cli@5.14.2";

/** Prism's CLI entry, or a MockStartError naming the install command: checked before anything is created. */
export function prismCliPath(): string {
  try {
    return require.resolve("@stoplight/prism-cli/dist/index.js");
  } catch {
    throw new MockStartError(`the mock needs the optional peer @stoplight/prism-cli 5.14.2, which is not installed: ${PRISM_INSTALL}`);
  }
}
