import { parseEnv } from '@relance/domain/env';
import { apiEnvSchema } from './env-schema';

/** The API's settings, checked at boot: every bad key is listed, then the process exits. */
export const loadEnv = () => parseEnv(apiEnvSchema, process.env, 'api');
