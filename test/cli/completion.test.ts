// Proves `iggy --generate bash|zsh|fish` prints scripts that the shells
// accept (bash -n where bash is here) and that name the commands and their
// Iggy 0.8 aliases; and that help, --version and a bad shell name behave.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertBuilt, type CliHome, makeHome, runCli } from './cli_harness.js';

describe('iggy --generate and help', () => {
  let home: CliHome;
  beforeAll(assertBuilt);
  beforeEach(async () => {
    home = await makeHome();
  });
  afterEach(() => home.close());

  it('generates a bash script that bash parses, with commands, aliases and actions', async () => {
    const bash = await runCli(['--generate', 'bash'], { env: home.env });
    expect(bash.code).toBe(0);
    expect(bash.stdout).toContain('complete -F _iggy iggy');
    for (const word of ['stream', 'topic', 'consumer-group', 'consumer-offset', 'seg', 'ctx', 'li', 'lo', 'pat', 'cluster']) {
      expect(bash.stdout).toMatch(new RegExp(`\\b${word}\\b`));
    }
    expect(bash.stdout).toMatch(/stream\) COMPREPLY=\(\$\(compgen -W "create c delete d update u get g list l purge p"/);
    const file = path.join(home.dir, 'iggy.bash');
    writeFileSync(file, bash.stdout);
    execFileSync('bash', ['-n', file]);
  });

  it('generates zsh and fish scripts', async () => {
    const zsh = await runCli(['--generate', 'zsh'], { env: home.env });
    expect(zsh.stdout).toMatch(/^#compdef iggy/);
    expect(zsh.stdout).toContain('message) compadd -- send s poll p flush f');
    const fish = await runCli(['--generate', 'fish'], { env: home.env });
    expect(fish.stdout).toContain("complete -c iggy -n '__fish_seen_subcommand_from m' -a 'send s poll p flush f'");
    expect(fish.stdout).toContain('complete -c iggy -l transport -r');
    const bad = await runCli(['--generate', 'tcsh'], { env: home.env });
    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect(bad.stderr).toBe('error: InvalidFormat (4) in "--generate tcsh": --generate takes bash, zsh or fish (got tcsh)\n');
  });

  it('prints help and the version without a server', async () => {
    const help = await runCli(['--help'], { env: home.env });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/stream \(s\) +create\/c, delete\/d/);
    expect(help.stdout).toContain('-o/--output table|list|json');
    expect((await runCli(['help'], { env: home.env })).stdout).toBe(help.stdout);
    expect((await runCli(['-V'], { env: home.env })).stdout).toMatch(/^iggy \d+\.\d+\.\d+\n$/);
  });
});
