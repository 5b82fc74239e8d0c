// Commands the CLI prints for a person to paste, written for the shell they will be pasted into (sh, cmd.exe, PowerShell).

/** The shell families a printed command is written for. */
export type Shell = "posix" | "cmd" | "powershell";

/**
 * Which shell a person is most likely typing into. Elsewhere than Windows: a POSIX shell (`pwsh` there is rare and
 * reads POSIX-quoted words of our kind the same way). On Windows: a POSIX shell when Git Bash, MSYS2 or Cygwin says
 * so; PowerShell when PSModulePath has three or more entries (PowerShell adds the user's own module folder to the
 * machine's two when it starts; cmd.exe inherits only the machine's); cmd.exe otherwise. ComSpec names cmd.exe in
 * every Windows shell, so it cannot tell them apart.
 */
export function shellFor(platform: string, env: Record<string, string | undefined>): Shell {
  if (platform !== "win32") return "posix";
  if (env.MSYSTEM || /(?:^|[\\/])(?:ba|z|da|k)?sh(?:\.exe)?$/i.test(env.SHELL ?? "")) return "posix";
  const modulePaths = (env.PSModulePath ?? "").split(";").filter((entry) => entry.trim() !== "");
  return modulePaths.length >= 3 ? "powershell" : "cmd";
}

// Words that every shell of its family passes through unchanged, unquoted.
const PLAIN: Record<Shell, RegExp> = {
  posix: /^[\w@%+=:,./-]+$/,
  // cmd.exe splits on = , ; too (in a .cmd shim such as npm's), so those words are quoted.
  cmd: /^[\w+:./-]+$/,
  // PowerShell gives @ $ , ; ( ) { } # ` a meaning of their own.
  powershell: /^[\w+:=./-]+$/,
};

/** One word, quoted so that `shell` passes it to the program unchanged. */
export function quoteWord(shell: Shell, word: string): string {
  if (word !== "" && PLAIN[shell].test(word)) return word;
  switch (shell) {
    case "posix":
      return `'${word.replace(/'/g, `'\\''`)}'`;
    case "powershell":
      // In single quotes only ' itself is special, written twice.
      return `'${word.replace(/'/g, "''")}'`;
    case "cmd":
      // Double quotes stop & | < > ^; a " inside is doubled (read back as one by the program's argument parser); a %
      // steps out of the quotes as ^% so that cmd.exe does not expand it as a variable.
      return `"${word.replace(/"/g, '""').replace(/%/g, '"^%"')}"`;
  }
}

/** A command line of `words`, each quoted for `shell`. */
export const commandLine = (shell: Shell, words: readonly string[]): string => words.map((word) => quoteWord(shell, word)).join(" ");

/** The command that fetches `url` with one request header: curl on every platform (`curl.exe`: PowerShell's `curl` is another command). */
export const curlLine = (shell: Shell, header: string, url: string): string =>
  commandLine(shell, [shell === "posix" ? "curl" : "curl.exe", "-H", header, url]);

/** The shell of the person running this CLI, from what `run()` was given (tests inject the platform and environment). */
export const shellOf = (io: { platform?: string; env: Record<string, string | undefined> }): Shell => shellFor(io.platform ?? process.platform, io.env);
