import { describe, expect, it } from 'vitest';
import { JsonStreamSplitter, MAX_VALUE_LENGTH, type StreamItem } from '../../src/cli/json-stream.js';

/** Feeds `text` in chunks of every size from 1 up, and checks every split gives the same items. */
function split(text: string): StreamItem[] {
  let reference: StreamItem[] | undefined;
  for (const size of [1, 2, 3, 7, 64, text.length || 1]) {
    const splitter = new JsonStreamSplitter();
    const items: StreamItem[] = [];
    for (let i = 0; i < text.length; i += size) items.push(...splitter.push(text.slice(i, i + size)));
    items.push(...splitter.end());
    if (reference === undefined) reference = items;
    else expect(items, `chunk size ${size}`).toEqual(reference);
  }
  return reference!;
}

const values = (items: StreamItem[]) => items.map((i) => (i.kind === 'value' ? JSON.parse(i.text) : i.message) as unknown);

describe('JsonStreamSplitter', () => {
  it('splits NDJSON into one value per line, with line numbers', () => {
    const items = split('{"a":1}\n{"b":"x}\\"{"}\n\n{"c":[1,{"d":2}]}\n');
    expect(values(items)).toEqual([{ a: 1 }, { b: 'x}"{' }, { c: [1, { d: 2 }] }]);
    expect(items.map((i) => i.line)).toEqual([1, 2, 4]);
  });

  it('splits a JSON array into its elements, with indexes and lines', () => {
    const items = split('[\n  {"a":1},\n  {"b":[2,3]},\n  "str", 4\n]\n');
    expect(values(items)).toEqual([{ a: 1 }, { b: [2, 3] }, 'str', 4]);
    expect(items.map((i) => i.index)).toEqual([0, 1, 2, 3]);
    expect(items.map((i) => i.line)).toEqual([2, 3, 4, 4]);
  });

  it('reads a pretty-printed object and concatenated pretty objects', () => {
    expect(values(split('{\n  "a": {\n    "b": 1\n  }\n}\n'))).toEqual([{ a: { b: 1 } }]);
    const items = split('{\n "a": 1\n}\n{\n "b": 2\n}');
    expect(values(items)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(items.map((i) => i.line)).toEqual([1, 4]);
  });

  it('reports a broken NDJSON line and carries on with the next', () => {
    const items = split('{"a":1}\n{"b":2\n{"c":"unterminated\n{"d":4}\nnot json\n{"e":5}\n');
    expect(items.map((i) => [i.kind, i.line])).toEqual([
      ['value', 1],
      ['error', 2],
      ['error', 3],
      ['value', 4],
      ['error', 5],
      ['value', 6],
    ]);
  });

  it('reports an unclosed array and an unfinished value', () => {
    expect(split('[{"a":1}, {"b":').at(-1)).toMatchObject({ kind: 'error', index: 1 });
    expect(split('[{"a":1}').map((i) => i.kind)).toEqual(['error']);
    expect(split('{"a":').map((i) => i.kind)).toEqual(['error']);
  });

  it('finds nothing in empty input, whitespace, a BOM or an empty array', () => {
    expect(split('')).toEqual([]);
    expect(split(' \n\t\r\n')).toEqual([]);
    expect(split('\ufeff')).toEqual([]);
    expect(split('[]')).toEqual([]);
    expect(values(split('\ufeff{"a":1}'))).toEqual([{ a: 1 }]);
  });

  it('handles escaped backslashes before quotes', () => {
    expect(values(split('{"a":"\\\\"}\n{"b":"\\\\\\""}\n'))).toEqual([{ a: '\\' }, { b: '\\"' }]);
  });

  it('reports empty elements and trailing commas in arrays, and keeps reading', () => {
    const items = split('[,{"a":1},,{"b":2} {"c":3},]');
    expect(items.map((i) => (i.kind === 'value' ? `value ${i.index}: ${i.text}` : `${i.kind} ${i.index}: ${i.message}`))).toEqual([
      'error 0: Unexpected comma in the JSON array (an empty element)',
      'value 0: {"a":1}',
      'error 1: Unexpected comma in the JSON array (an empty element)',
      // Two objects without a comma between them reach JSON.parse as one element, which rejects it.
      'value 1: {"b":2} {"c":3}',
      'error 2: Trailing comma before the end of the JSON array',
    ]);
    expect(() => JSON.parse('{"b":2} {"c":3}')).toThrow();
  });

  it('recovers when a broken first NDJSON line would swallow the rest', () => {
    const items = split('{"a":1,"b":\n{"c":3}\n{"d":4}\n{"bad":\n{"e":5}\n');
    expect(items.map((i) => [i.kind, i.line])).toEqual([
      ['error', 1],
      ['value', 2],
      ['value', 3],
      ['error', 4],
      ['value', 5],
    ]);
  });

  it('reads line by line from the start when told the input is NDJSON', () => {
    const splitter = new JsonStreamSplitter({ ndjson: true });
    const items = [...splitter.push('{"a":\n  "b": 1}\n{"c":2}\n'), ...splitter.end()];
    expect(items.map((i) => [i.kind, i.line])).toEqual([['error', 1], ['error', 2], ['value', 3]]);
  });

  it('marks payloads over the size limit as too large, not as invalid JSON', () => {
    const splitter = new JsonStreamSplitter();
    const big = `{"a":"${'x'.repeat(MAX_VALUE_LENGTH)}"}\n{"b":1}\n`;
    const items = [...splitter.push(big), ...splitter.end()];
    expect(items.map((i) => i.kind)).toEqual(['too_large', 'value']);
  });
});
