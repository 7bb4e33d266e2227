import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OpenDatabase, openDatabase } from '../../database/open-database';
import type { Scenario } from '../../scenarios/domain/scenario';
import type { ReplayJob } from '../application/replay-job';
import { ReplayJobsRepository } from './replay-jobs.repository';

const T0 = '2026-01-10T12:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

function job(id: string): ReplayJob {
  return {
    id,
    tenantId: 'tenant-a',
    status: 'queued',
    scenario: { name: id, title: id },
    options: ['baseline'],
    replications: 2,
    seed: 1,
    progress: { done: 0, total: 2 },
    createdAt: T0,
    startedAt: null,
    finishedAt: null,
    error: null,
  };
}

describe('ReplayJobsRepository: claims and leases', () => {
  let dir: string;
  let database: OpenDatabase;
  let jobs: ReplayJobsRepository;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swsim-replay-jobs-'));
    database = await openDatabase({ DATABASE_PATH: join(dir, 'jobs.sqlite') });
    jobs = new ReplayJobsRepository(database.db);
    for (const id of ['first', 'second']) await jobs.insert(job(id), { name: id } as Scenario, async () => undefined);
  });

  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hands each job to one claim, oldest first, and a running job is not claimed again while its lease holds', async () => {
    const a = await jobs.claimNext(at(0), 'claim-a', at(30));
    const b = await jobs.claimNext(at(1), 'claim-b', at(31));
    expect([a?.id, b?.id]).toEqual(['first', 'second']);
    expect(await jobs.claimNext(at(29), 'claim-c', at(59))).toBeNull();
    expect(await jobs.renew(a!, at(60))).toBe(true);
    expect(await jobs.progress(a!, 1)).toBe(true);
  });

  it("claims a job again once its lease has run out; the old claim's writes then change nothing", async () => {
    // claim-b was never renewed: its lease ran out at 31 s.
    const again = await jobs.claimNext(at(45), 'claim-d', at(75));
    expect(again).toMatchObject({ id: 'second', claim: 'claim-d' });
    const stale = { id: 'second', scenario: again!.scenario, claim: 'claim-b' };
    expect(await jobs.renew(stale, at(90))).toBe(false);
    expect(await jobs.progress(stale, 2)).toBe(false);
    expect(await jobs.succeed(stale, '{}', at(50))).toBe(false);
    expect(await jobs.succeed(again!, '{"ok":true}', at(50))).toBe(true);
    expect((await jobs.get('tenant-a', 'second'))!.status).toBe('succeeded');
  });

  it('a cancelled job stops being renewable; a job put back in the queue by its claim is claimable at once', async () => {
    const first = (await jobs.claimNext(at(100), 'claim-e', at(130)))!;
    expect(first.id).toBe('first');
    await jobs.requeue(first);
    const back = (await jobs.claimNext(at(101), 'claim-f', at(131)))!;
    expect(back.id).toBe('first');
    await jobs.cancel('tenant-a', 'first', at(102));
    expect(await jobs.renew(back, at(140))).toBe(false);
    expect(await jobs.claimNext(at(500), 'claim-g', at(530))).toBeNull();
  });
});
