/** XML text: markup escaped, and the characters XML 1.0 cannot hold at all (controls, lone surrogates) dropped. */
export function xmlText(text: string | number): string {
  return String(text)
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** An attribute value: also line breaks and tabs as references, which a parser would otherwise turn into spaces. */
export function xmlAttribute(text: string | number): string {
  return xmlText(text).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
