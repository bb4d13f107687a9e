/**
 * Spreadsheet formula-injection defence (OWASP "CSV Injection", ASVS 5.0 V1.2.10).
 *
 * A spreadsheet treats a text cell that begins with one of these characters as a formula (or, for
 * tab/CR/LF/NUL, as something that can smuggle one past the first character). Prefixing a single
 * quote makes Excel and LibreOffice show the text literally. Numbers, booleans and dates are typed
 * values, never text, so they are left alone: a negative number stays a number.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '\0']);

export function neutraliseFormula(text: string): string {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the length check only spares a lookup — an empty text's first character is undefined, which the set never holds
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0] as string) ? `'${text}` : text;
}

/** True when a text cell would start a live formula; used by tests and assertions. */
export function startsWithFormulaTrigger(text: string): boolean {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0] as string);
}
