import { wholeFile, type Layout } from './layout.js';
import { listNumbered } from './numbered.js';

/** Hand-applied numbered or dated `.sql` files: each file is one migration, all up. */
export const plain: Layout = {
  format: 'plain',
  list: (folder) => listNumbered(folder, 'plain'),
  sections: (text) => wholeFile(text),
};
