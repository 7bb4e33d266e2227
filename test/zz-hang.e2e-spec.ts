import { createTestApp } from './support/test-app';
it('leaves the app open', async () => {
  const t = await createTestApp();
  await t.http.get('/api/health').expect(200);
});
