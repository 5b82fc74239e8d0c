// The package version, kept equal to package.json's by a test (importing package.json would ship all of it).
export const VERSION = "0.2.0";
