// The --help text.
export const USAGE = `Usage: olostep-billing <command> [options]

Commands:
  credits                 the balance: total, plan, and a table of credit lots (--json: the API's JSON)
  check --min N           exit 0 when usage is allowed and the balance is at least N, else 1
  topup <10000|20000|80000|100000>
                          buy credits with the team's saved card (asks first; --yes to skip,
                          required when stdin is not a terminal); --wait polls until they land

Options:
  --api-key KEY           default: OLOSTEP_API_KEY (never printed)
  --base-url URL          default: OLOSTEP_BASE_URL, else https://api.olostep.com
  --timeout SECONDS       per request attempt (default 30)
  --wait-timeout SECONDS  with topup --wait: how long to wait for the credits (default 120)
  --wait-interval SECONDS with topup --wait: the pause between balance reads (default 3)
  --mock                  run the command against a local Prism mock of the spec (no key needed)
  -h, --help              this text
  -v, --version           the version

Exit codes: 0 ok, 1 not enough credits or cancelled, 2 usage, 3 auth, 4 network or server,
            5 top-up cooldown, 6 refused by the API`;

export const USAGE_HINT = "Run `olostep-billing --help` for usage.";
