import type { FaultInjector } from './faults';
import type { SandboxOptions } from './options';
import type { Random } from './random';
import type { WebhookScheduler } from './scheduler';
import type { SendgridWebhookSigner } from './signing';
import type { MessageStore } from './store';

/** What the sandbox's routers share: what they received, what they will post back, and how to decide it. */
export interface SandboxContext {
  store: MessageStore;
  scheduler: WebhookScheduler;
  signer: SendgridWebhookSigner;
  faults: FaultInjector;
  random: Random;
  /** the current configuration; `PUT /sandbox/config` changes it in place */
  config: SandboxOptions;
  /** numbers that answered STOP: messages to them fail with 21610, as on a Twilio account with opt-out */
  optedOut: Set<string>;
  /** calls placed, by sid, for the call update endpoint (bounded) */
  calls: Map<string, { accountSid: string; to: string; from: string }>;
}
