/**
 * JSON Lines (https://jsonlines.org, also served as NDJSON): one JSON value per line, LF
 * after each, UTF-8 without a byte-order mark. JSON.stringify escapes every control
 * character, so a text holding a newline can never split a record; U+2028 and U+2029 stay
 * as they are (valid JSON, and not line ends to a JSON Lines reader, which splits on LF only).
 */
export const JSON_LINES_TYPE = 'application/x-ndjson; charset=utf-8';

export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
