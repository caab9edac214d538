/**
 * Sample strings for the regular expressions of CHECK constraints (`code ~ '^[A-Z]{3}-[0-9]{3}$'`), so
 * that generated test rows satisfy them.
 */
const POOL = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.';
const POSIX: Record<string, string> = {
  space: ' \t\n',
  digit: '0123456789',
  alpha: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  alnum: 'abcdefghijklmnopqrstuvwxyz0123456789',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
};

/**
 * A string the (POSIX-style) regular expression matches: literals, escapes, classes with ranges,
 * negation and [:class:], groups with `|`, and the quantifiers ? * + {n} {n,} {n,m}. `variant` picks
 * other class members and longer repetitions, so rows differ where a unique key needs them to.
 */
export function sampleRegex(pattern: string, variant = 0): string {
  let pos = 0;
  const peek = () => pattern[pos];
  const alternatives = (): string => {
    const branches: string[] = [sequence()];
    while (peek() === '|') {
      pos++;
      branches.push(sequence());
    }
    return branches[variant % branches.length]!;
  };
  const sequence = (): string => {
    let out = '';
    while (pos < pattern.length && peek() !== '|' && peek() !== ')') {
      const atom = nextAtom();
      const [min, max] = quantifier();
      const times = max === undefined ? min + (variant % 2) : Math.min(max, min + (min === max ? 0 : variant % 2));
      for (let i = 0; i < times; i++) out += atom(i);
    }
    return out;
  };
  const quantifier = (): [number, number | undefined] => {
    const c = peek();
    if (c === '?') {
      pos++;
      return [0, 1];
    }
    if (c === '*') {
      pos++;
      return [0, undefined];
    }
    if (c === '+') {
      pos++;
      return [1, undefined];
    }
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(pos));
      if (m) {
        pos += m[0].length;
        const min = Number(m[1]);
        return [min, m[2] === undefined ? min : m[3] === '' ? undefined : Number(m[3])];
      }
    }
    return [1, 1];
  };
  const nextAtom = (): ((i: number) => string) => {
    const c = pattern[pos++]!;
    if (c === '^' || c === '$') return () => '';
    if (c === '(') {
      if (pattern.startsWith('?:', pos)) pos += 2;
      const inner = alternatives();
      pos++; // ')'
      return () => inner;
    }
    if (c === '[') {
      const chars = charClass();
      return (i) => chars[(variant + i) % chars.length]!;
    }
    if (c === '.') return (i) => POOL[(variant + i) % 26]!;
    if (c === '\\') {
      const e = pattern[pos++]!;
      if (e === 'd') return (i) => String((variant + i) % 10);
      if (e === 'w') return (i) => POOL[(variant + i) % 26]!;
      if (e === 's') return () => ' ';
      return () => e;
    }
    return () => c;
  };
  const charClass = (): string => {
    let negate = false;
    if (peek() === '^') {
      negate = true;
      pos++;
    }
    let members = '';
    let first = true;
    while (pos < pattern.length && (peek() !== ']' || first)) {
      first = false;
      const posix = /^\[:([a-z]+):\]/.exec(pattern.slice(pos));
      if (posix) {
        members += POSIX[posix[1]!] ?? '';
        pos += posix[0].length;
        continue;
      }
      let c = pattern[pos++]!;
      if (c === '\\') c = pattern[pos++]!;
      if (peek() === '-' && pattern[pos + 1] !== ']' && pos + 1 < pattern.length) {
        const end = pattern[pos + 1]!;
        pos += 2;
        for (let x = c.charCodeAt(0); x <= end.charCodeAt(0); x++) members += String.fromCharCode(x);
      } else members += c;
    }
    pos++; // ']'
    return negate ? [...POOL].filter((ch) => !members.includes(ch)).join('') : members;
  };
  return alternatives();
}
