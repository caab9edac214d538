/** Compile a glob (`**`, `*`, `?`, `{a,b}`) to a RegExp over POSIX paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close === -1) re += '\\{';
      else {
        re +=
          '(?:' +
          glob
            .slice(i + 1, close)
            .split(',')
            .map(escape)
            .join('|') +
          ')';
        i = close;
      }
    } else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}$`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/** A path matches when the glob matches it whole, or (for globs without a slash) its base name. */
export function matchesAny(path: string, globs: string[]): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return globs.some((g) => {
    const re = globToRegExp(g.replace(/^\.\//, ''));
    return re.test(path) || (!g.includes('/') && re.test(base));
  });
}
