// The package version, kept equal to package.json's by a test (importing package.json would ship all of it).
/** This package's version, as `olostep-billing --version` prints it and the User-Agent carries it. */
export const VERSION = "0.2.0";
