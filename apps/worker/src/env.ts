import { parseEnv } from '@relance/domain/env';
import { workerEnvSchema } from './env-schema';

export const loadEnv = () => parseEnv(workerEnvSchema, process.env, 'worker');
