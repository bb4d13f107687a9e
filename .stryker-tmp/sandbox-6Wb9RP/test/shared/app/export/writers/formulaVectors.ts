/**
 * Spreadsheet formula-injection vectors with their expected cell text, written out literally (an
 * oracle independent of the writers' own code): a text cell starting with = + - @ or tab, CR, LF, NUL
 * gets a leading apostrophe; nothing else changes.
 */
// @ts-nocheck

export const FORMULA_VECTORS: readonly (readonly [input: string, expected: string])[] = [
  ['=1+1', "'=1+1"],
  ['=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'],
  ['+SUM(A1:A2)', "'+SUM(A1:A2)"],
  ['-2+3', "'-2+3"],
  ['@SUM(1)', "'@SUM(1)"],
  ['\t=cmd', "'\t=cmd"],
  ['\rCR', "'\rCR"],
  ['\nLF', "'\nLF"],
  ['\0NUL', "'\0NUL"],
  ['plain', 'plain'],
  ['a=b', 'a=b'],
  [' =lead space', ' =lead space'],
  ["'already quoted", "'already quoted"],
  ['', ''],
];

/** The same rule as a regular expression, for property tests (again not the writers' code). */
export const LIVE_FORMULA = /^[=+\-@\t\r\n\0]/;
export const neutralised = (text: string): string => (LIVE_FORMULA.test(text) ? `'${text}` : text);
