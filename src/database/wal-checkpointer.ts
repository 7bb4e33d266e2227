// Checkpoints the SQLite WAL from a worker thread. SQLite's automatic checkpoint runs inside the COMMIT
// that crosses its threshold: measured here, that is about 3 % of commits taking 1-50 ms, most of the
// write time and all of the p99 latency. A second connection in a worker copies the log back into the
// database (PASSIVE: it never blocks the writer) while the main thread keeps serving; the main
// connection keeps a large automatic threshold as a safety net should the worker fall behind.

import type BetterSqlite3 from 'better-sqlite3';
import { Logger } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { BUSY_TIMEOUT_MS } from './database.config';

const INTERVAL_MS = 25;
/** Pages (4 KiB) in the WAL before the main connection checkpoints by itself (SQLite's default is 1000). */
const SAFETY_NET_PAGES = 10_000;
const DEFAULT_PAGES = 1000;

// Plain JavaScript run by the worker: it works the same from src/ (ts-jest, ts-node) and dist/.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: workerData.busyTimeoutMs });
let timer = null;
const tick = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
  timer = setTimeout(tick, workerData.intervalMs);
};
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
tick();
`;

export class WalCheckpointer {
  private readonly logger = new Logger('WalCheckpointer');
  private worker: Worker | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly file: string,
  ) {}

  start(): void {
    if (this.worker || this.file === ':memory:') return;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), file: this.file, intervalMs: INTERVAL_MS, busyTimeoutMs: BUSY_TIMEOUT_MS },
    });
    this.worker = worker;
    this.db.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
    worker.on('message', (message: { error?: string }) => {
      if (message.error) this.logger.warn(`background checkpoint failed: ${message.error}`);
    });
    worker.on('error', (error) => this.logger.error(`background checkpointer stopped: ${error.message}`));
    this.exited = new Promise((resolve) =>
      worker.once('exit', () => {
        // Back to SQLite's own checkpoints if the worker is gone (also after stop()).
        if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_PAGES}`);
        this.worker = null;
        resolve();
      }),
    );
    // Never what keeps the process alive: an app that is not closed still exits. (After the listeners:
    // a 'message' listener refs the worker again.)
    worker.unref();
  }

  /** Closes the worker's connection before the main one closes, so that the last close checkpoints and removes the WAL. */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    worker.postMessage('stop');
    const timeout = setTimeout(() => void worker.terminate(), 5000);
    await this.exited;
    clearTimeout(timeout);
  }
}
