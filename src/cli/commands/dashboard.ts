// `olostep-billing dashboard`: serves the local dashboard until Ctrl-C, or until whatever started it ends.
import type { CommandContext } from "../context.js";
import { startDashboard } from "../dashboard-server.js";
import { EXIT } from "../exit-codes.js";
import { line } from "../io.js";
import { untilStopped } from "../lifetime.js";

export async function dashboardCommand({ io, globals, mock }: CommandContext, args: { port: number; allowTopup: boolean }): Promise<number> {
  const dashboard = await startDashboard({
    port: args.port,
    // run() has checked that there is a key, or started the mock (which takes any key).
    apiKey: mock ? "mock-key" : (globals.apiKey ?? io.env.OLOSTEP_API_KEY),
    baseUrl: mock?.url ?? globals.baseUrl ?? io.env.OLOSTEP_BASE_URL,
    timeoutMs: globals.timeoutMs,
    // Against the mock nothing real is charged, so the Buy button is on there.
    allowTopup: args.allowTopup || Boolean(mock),
  });
  const against = mock ? ` (against the ${mock.stateful ? "stateful" : "stateless"} mock: buying is safe here)` : "";
  line(io.stdout, `dashboard: ${dashboard.url}${against}`);
  line(io.stdout, "stop: Ctrl-C");
  const why = await untilStopped();
  await dashboard.stop();
  line(io.stderr, `dashboard: stopped (${why})`);
  return EXIT.ok;
}
