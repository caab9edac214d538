import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../rules/index.js';
import { UsageError } from '../engine/config/types.js';
import { closestMatch } from '../engine/suggest.js';
import { palette } from '../formatters/palette.js';
import { packageRoot } from '../package-info.js';
import type { CommandIO } from './io.js';

/** The first sentence of a description: the one-line summary of a rule. */
function summary(description: string): string {
  const m = /^(.*?[.!?])(\s|$)/.exec(description);
  return m ? m[1]! : description;
}

/** `ismslint rules`: every rule with category, default severity and summary. `ismslint rules <id>`: its README. */
export function runRulesCommand(io: CommandIO, opts: { id?: string; color: boolean }): number {
  const c = palette(opts.color);
  const rules = [...allRules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
  if (opts.id === undefined) {
    const w = {
      id: Math.max(...rules.map((r) => r.meta.id.length)),
      category: Math.max(8, ...rules.map((r) => r.meta.category.length)),
    };
    const lines = [c.bold(`${'Rule'.padEnd(w.id)}  ${'Category'.padEnd(w.category)}  Default  Summary`)];
    for (const { meta } of rules) {
      const severity = meta.severity === 'error' ? c.red('error  ') : meta.severity === 'warn' ? c.yellow('warn   ') : c.dim('off    ');
      lines.push(`${meta.id.padEnd(w.id)}  ${meta.category.padEnd(w.category)}  ${severity}  ${summary(meta.description)}`);
    }
    lines.push('', `${rules.length} rules. Run \`ismslint rules <id>\` for one rule's documentation.`);
    io.stdout(lines.join('\n') + '\n');
    return 0;
  }
  const rule = rules.find((r) => r.meta.id === opts.id);
  if (!rule) {
    const hint = closestMatch(
      opts.id,
      rules.map((r) => r.meta.id),
      4,
    );
    throw new UsageError(`unknown rule "${opts.id}"${hint ? ` (did you mean "${hint}"?)` : ''}; run \`ismslint rules\` for the list`);
  }
  let text: string;
  try {
    text = readFileSync(join(packageRoot, 'rules', rule.meta.id, 'README.md'), 'utf8');
  } catch {
    text = `# ${rule.meta.id}\n\n${rule.meta.description}\n`;
  }
  io.stdout(renderMarkdown(text, opts.color));
  return 0;
}

/** Markdown for a terminal: headings in bold, code fences dropped and their code indented. */
export function renderMarkdown(markdown: string, color: boolean): string {
  const c = palette(color);
  let inCode = false;
  const out: string[] = [];
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) {
      inCode = !inCode;
      continue;
    }
    if (inCode) out.push(`    ${c.dim(line)}`);
    else if (/^#{1,6}\s/.test(line)) out.push(c.bold(line.replace(/^#{1,6}\s+/, '')));
    else out.push(line);
  }
  return out.join('\n').replace(/\n*$/, '\n');
}
