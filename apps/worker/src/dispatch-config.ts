import type { ProviderConfig } from '@relance/channels/provider-config';
import type { DispatchWorkerOptions } from './dispatch-workers';
import type { WorkerEnv } from './env-schema';

/** The dispatch engine's providers, paces and concurrency from the worker's environment. */
export function dispatchOptionsFromEnv(env: WorkerEnv, providers: ProviderConfig): DispatchWorkerOptions {
  return {
    providers,
    paces: {
      email: { perSecond: env.SEND_RATE_EMAIL, burst: 1000 },
      sms: { perSecond: env.SEND_RATE_SMS },
      voice: { perSecond: env.SEND_RATE_VOICE },
      postal: { perSecond: env.SEND_RATE_POSTAL, burst: 500 },
    },
    concurrency: { email: env.EMAIL_CONCURRENCY },
  };
}
