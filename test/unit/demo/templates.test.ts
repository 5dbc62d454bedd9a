import { describe, expect, it } from 'vitest';
import { TEMPLATE_STATUSES, type DemoHub, type DemoTemplate } from '@demo-hub';
import { call, listQuery, partnerPath, testHub, type ListBody } from './support';

function wabaIds(hub: DemoHub): string[] {
  return [...new Set(hub.state.listChannels().flatMap((c) => (c.waba_account ? [c.waba_account.id] : [])))];
}

async function templates(hub: DemoHub, wabaId: string, query = ''): Promise<ListBody<DemoTemplate>> {
  const answer = await call(hub, partnerPath(hub, `/waba_accounts/${wabaId}/waba_templates${query}`));
  expect(answer.status, answer.text).toBe(200);
  return answer.json<ListBody<DemoTemplate>>();
}

describe('WABA templates', () => {
  it('are generated per WABA, deterministically, with realistic fields', async () => {
    const { hub } = testHub();
    const ids = wabaIds(hub).slice(0, 40);
    const all: DemoTemplate[] = [];
    for (const id of ids) {
      const page = await templates(hub, id);
      expect(page).toMatchObject({ offset: 0, limit: 1000, sort: ['id'], filters: {} });
      expect(page.total).toBeLessThanOrEqual(30);
      expect(page.count).toBe(page.total);
      for (const t of page.waba_templates ?? []) expect(t.waba_account_id).toBe(id);
      all.push(...(page.waba_templates ?? []));
    }
    const { hub: twin } = testHub();
    expect((await call(twin, partnerPath(twin, `/waba_accounts/${ids[0]}/waba_templates`))).text).toBe(
      (await call(hub, partnerPath(hub, `/waba_accounts/${ids[0]}/waba_templates`))).text,
    );
    const statuses = new Set(all.map((t) => t.status));
    for (const status of TEMPLATE_STATUSES) expect(statuses).toContain(status);
    expect(new Set(all.map((t) => t.category))).toEqual(new Set(['MARKETING', 'UTILITY', 'AUTHENTICATION']));
    for (const t of all) {
      expect(t.rejected_reason === null).toBe(t.status !== 'rejected');
      const body = t.components.find((c) => c.type === 'BODY');
      expect(body?.text).toMatch(/\{\{1\}\}/);
    }
    expect(all.some((t) => t.components.some((c) => c.type === 'HEADER'))).toBe(true);
    expect(all.some((t) => t.components.some((c) => c.type === 'FOOTER'))).toBe(true);
    expect(all.some((t) => t.components.some((c) => c.type === 'BUTTONS'))).toBe(true);
    expect(ids.some((id) => all.every((t) => t.waba_account_id !== id))).toBe(true); // some WABAs have none
  });

  it('pages, filters (incl. business_templates.name) and sorts', async () => {
    const { hub } = testHub();
    const id =
      (await Promise.all(wabaIds(hub).map(async (w) => [w, (await templates(hub, w)).total] as const))).find(([, n]) => n >= 10)?.[0] ?? '';
    const full = (await templates(hub, id)).waba_templates ?? [];
    const first = await templates(hub, id, listQuery({ limit: 4, offset: 0 }));
    const second = await templates(hub, id, listQuery({ limit: 4, offset: 4 }));
    expect([...(first.waba_templates ?? []), ...(second.waba_templates ?? [])].map((t) => t.id)).toEqual(full.slice(0, 8).map((t) => t.id));
    const sample = full[0] as DemoTemplate;
    const byName = await templates(hub, id, listQuery({ filters: { 'business_templates.name': sample.name } }));
    expect(byName.waba_templates?.every((t) => t.name === sample.name)).toBe(true);
    const byStatus = await templates(hub, id, listQuery({ filters: { status: sample.status, category: sample.category } }));
    expect(byStatus.waba_templates?.map((t) => t.id)).toContain(sample.id);
    const sorted = (await templates(hub, id, listQuery({ sort: '-business_templates.name' }))).waba_templates?.map((t) => t.name) ?? [];
    expect(sorted).toEqual([...sorted].sort().reverse());
    expect((await call(hub, partnerPath(hub, `/waba_accounts/${id}/waba_templates${listQuery({ filters: { foo: 1 } })}`))).status).toBe(
      400,
    );
  });

  it('404s an unknown WABA and limits to 400 requests per minute', async () => {
    const { hub, advance } = testHub();
    expect((await call(hub, partnerPath(hub, '/waba_accounts/nopeWA/waba_templates'))).status).toBe(404);
    const id = wabaIds(hub)[0] ?? '';
    for (let i = 1; i < 400; i++) expect((await call(hub, partnerPath(hub, `/waba_accounts/${id}/waba_templates`))).status).toBe(200);
    const limited = await call(hub, partnerPath(hub, `/waba_accounts/${id}/waba_templates`));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBe(60);
    advance(60_000);
    expect((await call(hub, partnerPath(hub, `/waba_accounts/${id}/waba_templates`))).status).toBe(200);
  });
});
