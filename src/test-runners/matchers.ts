/**
 * The matcher functions handed to `expect.extend`, built once per runner so their failure messages
 * can name the seed the running test drew.
 */
import { activeSeed, seedNotice, type RunnerAdapter } from './current-test.js';
import { voiceReplyVerdict } from './voice-reply-matcher.js';
import { webhookEventVerdict, type WebhookEventKind } from './webhook-event-matcher.js';

/**
 * The part of a matcher's `this` that these matchers read. Vitest and Jest both provide it.
 * @internal
 */
export interface MatcherContextLike {
  /** True under `.not`. */
  readonly isNot?: boolean | undefined;
  /** `'resolves'` or `'rejects'` under `.resolves` / `.rejects`, else empty. */
  readonly promise?: string | undefined;
}

/**
 * What a matcher returns to the runner.
 * @internal
 */
export interface MatcherResultLike {
  /** Whether the value matched (before `.not` is applied). */
  pass: boolean;
  /** The failure message, built only when needed. */
  message: () => string;
}

/**
 * The matcher functions, before each entry point types them with its runner's own matcher type.
 * @internal
 */
export interface MatcherImplementations {
  toBeValidWebhookEvent(this: MatcherContextLike, received: unknown, kind?: WebhookEventKind): MatcherResultLike;
  toBeValidVoiceReply(this: MatcherContextLike, received: unknown): MatcherResultLike;
}

function hint(context: MatcherContextLike, name: string, args: string): string {
  const promise = context.promise ? `.${context.promise}` : '';
  return `expect(received)${promise}${context.isNot ? '.not' : ''}.${name}(${args})`;
}

/**
 * The matchers, with failure messages that end with the running test's seed and replay command
 * when it drew one.
 * @internal
 */
export function createMatchers(adapter: RunnerAdapter): MatcherImplementations {
  const withSeed = (text: string): string => {
    const record = activeSeed(adapter);
    return record === undefined ? text : `${text}\n\n${seedNotice(record)}`;
  };
  return {
    toBeValidWebhookEvent(received, kind) {
      // Checked before anything else, so an unknown kind fails even under .not.
      const verdict = webhookEventVerdict(received, kind);
      const head = hint(this, 'toBeValidWebhookEvent', kind === undefined ? '' : JSON.stringify(kind));
      return {
        pass: verdict.pass,
        message: () => withSeed(`${head}\n\n${this.isNot ? verdict.negatedFailure : verdict.failure}`),
      };
    },
    toBeValidVoiceReply(received) {
      const verdict = voiceReplyVerdict(received);
      const head = hint(this, 'toBeValidVoiceReply', '');
      return {
        pass: verdict.pass,
        message: () => withSeed(`${head}\n\n${this.isNot ? verdict.negatedFailure : verdict.failure}`),
      };
    },
  };
}
