import { describe, expect, it } from 'vitest';
import { formatNames, formatters } from './index.js';
import { finding, input } from './test-input.js';

const ODD_TABLE = 'we"ird\n::x%0A,y';
const odd = finding({
  file: 'db/odd, dir:1/001 %.sql',
  at: [1, 14, 1, 27],
  message: `table "${ODD_TABLE.replace(/"/g, '""')}" has no primary key`,
  logical: `public.${ODD_TABLE}`,
});
const sources = { 'db/odd, dir:1/001 %.sql': `CREATE TABLE "${ODD_TABLE.replace(/"/g, '""')}" (a int);` };

describe('formatters', () => {
  it('lists the six formats, stylish first', () => {
    expect(formatNames).toEqual(['stylish', 'json', 'sarif', 'github', 'gitlab', 'junit']);
    expect(Object.keys(formatters).sort()).toEqual([...formatNames].sort());
  });

  it.each(formatNames)('%s gives byte-identical output for the same input', (name) => {
    const make = () =>
      input(
        [
          odd,
          finding({ at: [2, 1], ruleId: 'prefer-text', severity: 'warn', message: 'use text' }),
          finding({ at: [3, 1], message: 'waived', suppression: { kind: 'inSource', justification: 'ok' } }),
        ],
        sources,
      );
    expect(formatters[name](make())).toBe(formatters[name](make()));
  });

  describe('names with quotes, newlines, % and ::', () => {
    it('stylish keeps each finding on one line and shows the control characters', () => {
      const out = formatters.stylish(input([odd], sources));
      const row = out.split('\n').find((l) => l.includes('has no primary key'))!;
      expect(row).toBe('  1:14  error  table "we""ird␊::x%0A,y" has no primary key  foreign-key-index');
      expect(out).toContain('db/odd, dir:1/001 %.sql');
      // The quoted name really spans two lines of SQL; the frame shows the first.
      expect(out).toContain('    1 | CREATE TABLE "we""ird\n      |              ^^^^^^^^\n');
    });

    it('json round-trips the exact message', () => {
      const [result] = JSON.parse(formatters.json(input([odd], sources)));
      expect(result.filePath).toMatch(/\/db\/odd, dir:1\/001 %\.sql$/);
      expect(result.messages[0].message).toBe(odd.message);
    });

    it('sarif round-trips the message and the logical name, and encodes the file URI', () => {
      const log = JSON.parse(formatters.sarif(input([odd], sources)));
      const [result] = log.runs[0].results;
      expect(result.message.text).toBe(odd.message);
      expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBe(`public.${ODD_TABLE}`);
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('db/odd%2C%20dir%3A1/001%20%25.sql');
    });

    it('sarif escapes square brackets, which it would otherwise read as an embedded link', () => {
      const out = formatters.sarif(input([finding({ message: `CHECK (status = ANY (ARRAY['a'])) [see](1)` })]));
      expect(JSON.parse(out).runs[0].results[0].message.text).toBe(`CHECK (status = ANY (ARRAY\\['a'\\])) \\[see\\](1)`);
    });

    it('github escapes the newline, % and the property separators', () => {
      const out = formatters.github(input([odd], sources));
      expect(out).toBe('::error file=db/odd%2C dir%3A1/001 %25.sql,line=1,col=14,endLine=1,endColumn=27,title=ismslint (foreign-key-index)' + '::table "we""ird%0A::x%250A,y" has no primary key\n');
    });

    it('gitlab round-trips the message and the path, one issue per line', () => {
      const out = formatters.gitlab(input([odd], sources));
      expect(out.split('\n')).toHaveLength(4);
      const [issue] = JSON.parse(out);
      expect(issue.description).toBe(odd.message);
      expect(issue.location.path).toBe('db/odd, dir:1/001 %.sql');
    });
  });
});
