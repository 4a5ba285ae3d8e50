#!/usr/bin/env node
/**
 * The `trellis` command. Each subcommand lives in its own file and is loaded on demand, so
 * `trellis serve` does not pay for the matcher and `trellis match` does not open a database.
 */
type Command = (argv: string[]) => Promise<number>;

/** Every subcommand: add a line here to add one. */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  serve: {
    summary: "serve the web app and API (builds the web app when needed)",
    load: async () => (await import("./serve.command.ts")).serveCommand,
  },
  migrate: {
    summary: "apply database migrations and exit",
    load: async () => (await import("./migrate.command.ts")).migrateCommand,
  },
  "create-admin": {
    summary: "create an owner: --email --name --password [--organisation]",
    load: async () => (await import("./create-admin.command.ts")).createAdminCommand,
  },
  match: {
    summary: "match mentees to mentors: --pairs FILE | --participants FILE --config FILE (see --help)",
    load: async () => (await import("./match/match.command.ts")).matchCommand,
  },
  "verify-domain": {
    summary: "verify an organisation's SSO email domain: --organisation ORG_ID --domain DOMAIN",
    load: async () => (await import("./verify-domain.command.ts")).verifyDomainCommand,
  },
  seed: {
    summary: "seed --demo: a demo organisation with an admin and a few hundred members",
    load: async () => (await import("./seed.command.ts")).seedCommand,
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(14)}${command.summary}`);
  return `Usage: trellis <command> [options]\n\nCommands:\n${lines.join("\n")}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  return (await command.load())(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
