import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../tests/support/app-server';

describe('GET /api/openapi.json', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('documents every declared route with the schemas that validate it', async () => {
    const res = await fetch(`${app.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content: Record<string, { schema: { properties?: object } }> };
            parameters: { name: string }[];
          }
        >
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const route of app.routes) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method], `${route.method} ${path}`).toBeDefined();
    }
    const login = doc.paths['/api/auth/login']!.post!;
    expect(Object.keys(login.requestBody!.content['application/json']!.schema.properties!)).toEqual([
      'email',
      'password',
    ]);
    const list = doc.paths['/api/contacts']!.get!;
    expect(list.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['q', 'sort', 'cursor', 'limit']),
    );
    expect(
      doc.paths['/api/contacts/imports']!.post!.requestBody!.content['multipart/form-data'],
    ).toBeDefined();
  });
});
