// Public surface of `agentphone-fixtures/signing`: node:crypto and the schemas, no faker.
export { WEBHOOK_HEADERS } from './headers.js';
export { signWebhook } from './sign.js';
export { DEFAULT_TOLERANCE_SECONDS, verifyWebhook, verifyWebhookSignature } from './verify.js';
export { WebhookVerificationError } from '../errors.js';

export type { HeadersInput } from './headers.js';
export type { RawBody, SignWebhookOptions, SignatureHeaders } from './sign.js';
export type { VerifiedSignature, VerifyOptions } from './verify.js';
export type { WebhookVerificationCode } from '../errors.js';
