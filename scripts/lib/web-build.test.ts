import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { webBuildNeeded } from './web-build';

function touch(file: string, secondsAgo: number) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '');
  const at = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(file, at, at);
}

it('builds when dist is missing or older than a source, not when it is newer than all of them', () => {
  const web = mkdtempSync(path.join(os.tmpdir(), 'relance-web-'));
  const shared = mkdtempSync(path.join(os.tmpdir(), 'relance-domain-'));
  touch(path.join(web, 'src/app/main.tsx'), 100);
  touch(path.join(shared, 'money.ts'), 100);
  expect(webBuildNeeded(web, [shared])).toBe(true);

  touch(path.join(web, 'dist/index.html'), 50);
  touch(path.join(web, 'node_modules/pkg/index.js'), 1); // never counts
  expect(webBuildNeeded(web, [shared])).toBe(false);

  touch(path.join(web, 'src/app/main.tsx'), 10);
  expect(webBuildNeeded(web, [shared])).toBe(true);
  touch(path.join(web, 'dist/index.html'), 5);
  touch(path.join(shared, 'money.ts'), 1);
  expect(webBuildNeeded(web, [shared])).toBe(true);
});
