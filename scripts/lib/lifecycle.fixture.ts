/**
 * A tiny launcher for lifecycle.test.ts: one child (whose behaviour the first argument picks) and one
 * service, run by the same Lifecycle and spawnManaged as `pnpm start`.
 */
import { Lifecycle } from './lifecycle';
import { spawnManaged } from './processes';

const CHILDREN: Record<string, string> = {
  graceful:
    "process.on('SIGTERM', () => { console.log('[child] bye'); process.exit(0); }); console.log('up'); setInterval(() => {}, 1000);",
  stubborn:
    "process.on('SIGTERM', () => console.log('ignoring SIGTERM')); console.log('up'); setInterval(() => {}, 1000);",
  dies: "console.log('up'); setTimeout(() => process.exit(3), 300);",
};

const lifecycle = new Lifecycle((line) => console.log(`[start] ${line}`));
lifecycle.installSignalHandlers();
lifecycle.onStop('service', async () => {
  console.log('service stopped');
});
const script = CHILDREN[process.argv[2] ?? ''];
if (!script) throw new Error(`usage: lifecycle.fixture.ts ${Object.keys(CHILDREN).join('|')}`);
const child = spawnManaged('child', process.execPath, ['-e', script], {
  env: process.env,
  cwd: process.cwd(),
});
lifecycle.addChild(child);
console.log(`child pid ${child.child.pid}`);
