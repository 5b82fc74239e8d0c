// The stateful mock's timing defaults, as data only: the CLI's help prints them without loading the mock.

export const STATEFUL_DEFAULTS = { settleMs: 3_000, chargeMs: 250 } as const;
