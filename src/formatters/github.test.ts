import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, github } from './github.js';
import { finding, input } from './test-input.js';

describe('github (workflow commands)', () => {
  it('writes one ::error / ::warning command per unsuppressed finding', () => {
    const out = github(
      input([
        finding({ file: 'db/001.sql', at: [3, 3, 3, 12], message: 'fk has no index' }),
        finding({ file: 'db/001.sql', at: [4, 8, 4, 19], ruleId: 'prefer-text', severity: 'warn', message: 'use text' }),
        finding({ file: 'db/001.sql', at: [5, 1], message: 'waived', suppression: { kind: 'inSource', justification: 'ok' } }),
      ]),
    );
    expect(out).toBe(
      '::error file=db/001.sql,line=3,col=3,endLine=3,endColumn=12,title=ismslint (foreign-key-index)::fk has no index\n' +
        '::warning file=db/001.sql,line=4,col=8,endLine=4,endColumn=19,title=ismslint (prefer-text)::use text\n',
    );
  });

  it('prints nothing when there is nothing to annotate', () => {
    expect(github(input([]))).toBe('');
  });

  it('escapes message data and property values as the runner expects', () => {
    expect(escapeData('100% a\r\nb: c, d::e')).toBe('100%25 a%0D%0Ab: c, d::e');
    expect(escapeProperty('100% a\r\nb: c, d::e')).toBe('100%25 a%0D%0Ab%3A c%2C d%3A%3Ae');
  });

  it('cannot be tricked into a second command by a name with a newline and ::', () => {
    const out = github(input([finding({ file: 'we,ird:dir/x.sql', message: 'table "x\n::error::pwned %0A" has no key' })]));
    expect(out.split('\n')).toHaveLength(2);
    expect(out).toBe('::error file=we%2Cird%3Adir/x.sql,line=1,col=1,endLine=1,endColumn=1,title=ismslint (foreign-key-index)::table "x%0A::error::pwned %250A" has no key\n');
  });
});
