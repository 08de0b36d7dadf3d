import twilio from 'twilio';
import { retryAfterMs } from '../http-failure';

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** Twilio's API is reached here instead of https://api.twilio.com (the sandbox: http://127.0.0.1:3001) */
  baseUrl?: string;
  timeoutMs: number;
}

/** A 429 or 5xx from Twilio, thrown with the wait it asked for (the SDK's RestException drops the headers). */
export class TwilioBusyError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    message: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
    this.name = 'TwilioBusyError';
  }
}

type RequestOptions<T> = Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0] & { data?: T };

/**
 * The SDK's own HTTP client (axios underneath), with two changes, as Twilio documents custom HTTP clients
 * (twilio-node's advanced-examples/custom-http-client.md): the sandbox's base URL replaces api.twilio.com when
 * one is set (the region/edge options only pick among Twilio's own hosts), and a 429 or 5xx answer is thrown
 * with its Retry-After. The SDK's automatic retries stay off: the engine decides about retries.
 */
export class RelanceTwilioHttpClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string | undefined,
    timeoutMs: number,
  ) {
    super({ timeout: timeoutMs, autoRetry: false, keepAlive: true });
  }

  override async request<TData>(opts: RequestOptions<TData>) {
    let uri = opts.uri;
    if (this.baseUrl) {
      const url = new URL(opts.uri);
      uri = `${this.baseUrl.replace(/\/$/, '')}${url.pathname}${url.search}`;
    }
    const response = await super.request<TData>({ ...opts, uri });
    if (response.statusCode === 429 || response.statusCode >= 500) {
      const body = (typeof response.body === 'string' ? safeJson(response.body) : response.body) as {
        code?: number;
        message?: string;
      } | null;
      throw new TwilioBusyError(
        response.statusCode,
        body?.code,
        body?.message ?? `HTTP ${response.statusCode}`,
        retryAfterMs(response.headers as Record<string, unknown>),
      );
    }
    return response;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export type TwilioClient = ReturnType<typeof twilio>;

export function createTwilioClient(config: TwilioConfig): TwilioClient {
  return twilio(config.accountSid, config.authToken, {
    httpClient: new RelanceTwilioHttpClient(config.baseUrl, config.timeoutMs),
  });
}
