// mocks/prism.ts starts Prism where asked, says why when it cannot, and stops exactly what it started.
import { PrismStartError, startPrism } from "../mocks/prism";
import { isAlive } from "./helpers/processes";


test("a port already taken gives a PrismStartError naming the port, and leaves no process", async () => {
  const taken = Number(new URL(process.env.PRISM_URL!).port);
  const error = await startPrism({ port: taken }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PrismStartError);
  expect((error as Error).message).toContain(`127.0.0.1:${taken}`);
  expect((error as Error).message).toContain("EADDRINUSE");
  // Prism may take its time to start and fail on a busy machine: this waits for its answer, not for a clock.
}, 60_000);

test("stop() ends exactly the process it started, and a second stop() is harmless", async () => {
  const prism = await startPrism();
  try {
    expect(isAlive(prism.pid)).toBe(true);
    await prism.stop();
    expect(isAlive(prism.pid)).toBe(false);
  } finally {
    // Also when an assertion above fails: no test leaves a process behind.
    await prism.stop();
  }
  // The shared Prism of this run is untouched.
  expect((await fetch(`${process.env.PRISM_URL}/user/credits/info`, { headers: { Authorization: "Bearer x" } })).status).toBe(200);
});
