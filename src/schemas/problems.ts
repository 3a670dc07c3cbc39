import type * as z from 'zod';
import { describeValue, type PayloadProblem } from '../errors.js';

/**
 * Turns a path (`['recentHistory', 0, 'at']`) into `recentHistory[0].at`; `(root)` when empty.
 * @internal
 */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const name = String(key);
      out += /^[A-Za-z_$][\w$]*$/.test(name) ? (out === '' ? name : `.${name}`) : `[${JSON.stringify(name)}]`;
    }
  }
  return out;
}

function expectationOf(issue: z.core.$ZodIssue): string {
  const message = issue.message;
  if (message.startsWith('expected ')) return message.slice('expected '.length);
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `at least ${String(issue.minimum)}`;
    case 'too_big':
      return `at most ${String(issue.maximum)}`;
    default:
      return message;
  }
}

function receivedOf(issue: z.core.$ZodIssue): string {
  // JSON has no undefined: a key that is absent and a key whose value is undefined both read "missing".
  const input: unknown = 'input' in issue ? issue.input : undefined;
  if (input === undefined) return 'missing';
  if (issue.code === 'invalid_union' && 'discriminator' in issue && typeof issue.discriminator === 'string') {
    const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[issue.discriminator] : undefined;
    return value === undefined ? 'missing' : describeValue(value);
  }
  if (issue.code === 'too_big' || issue.code === 'too_small') {
    if (Array.isArray(input)) return `${input.length} entries`;
    if (typeof input === 'string') return `${describeValue(input)} (length ${input.length})`;
  }
  return describeValue(input);
}

/**
 * Turns Zod issues into problems with a path, an expectation and what was received.
 * @internal
 */
export function toProblems(issues: readonly z.core.$ZodIssue[]): PayloadProblem[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path);
    const expectedText = expectationOf(issue);
    const received = receivedOf(issue);
    return {
      path,
      pathSegments: issue.path,
      expected: expectedText,
      received,
      code: issue.code,
      message: `${path}: expected ${expectedText}, received ${received}`,
    };
  });
}
