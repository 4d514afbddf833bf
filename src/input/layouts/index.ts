import type { InputFormat } from '../types.js';
import { dbmate } from './dbmate.js';
import { diesel } from './diesel.js';
import { flyway } from './flyway.js';
import { golangMigrate } from './golang-migrate.js';
import { goose } from './goose.js';
import type { Layout } from './layout.js';
import { nodePgMigrate } from './node-pg-migrate.js';
import { liquibase } from './liquibase.js';
import { plain } from './plain.js';
import { prisma } from './prisma.js';
import { sqitch } from './sqitch.js';
import { sqlMigrate } from './sql-migrate.js';
import { tern } from './tern.js';

export type { FolderView, Layout, Listing } from './layout.js';

export const LAYOUTS: Record<InputFormat, Layout> = {
  plain,
  'golang-migrate': golangMigrate,
  diesel,
  prisma,
  dbmate,
  goose,
  'sql-migrate': sqlMigrate,
  tern,
  sqitch,
  liquibase,
  'node-pg-migrate': nodePgMigrate,
  flyway,
};
