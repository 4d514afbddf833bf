// Public API of pgmend chain. Keep this the only entry other layers import.
export { readVersionsFolder, findVersionLocations, type VersionsFolder, type VersionLocations, type SkippedFile, type ReadFolderOptions } from './read/folder.js';
export { parseRevisionFile, REVISION_VARIABLES, type RevisionFile, type RevisionVariable } from './read/revision-file.js';
export { readPythonModule, type PyAssignment, type PyLiteral, type PyModule } from './read/python-values.js';
export { readDocstring, type RevisionDocstring, type DocField } from './read/docstring.js';
export { readAlembicIni, readAlembicConfig, configuresAlembic, type AlembicIni, type ConfigFile } from './read/alembic-ini.js';
export { buildRevisionGraph, type RevisionGraph, type GraphNode } from './graph.js';
export { checkChain, chainHasErrors, chainReportJson, chainReportText, type ChainReport, type ChainCheckOptions } from './check.js';
export type { ChainProblem, ChainCode, Confidence, CheckOptions } from './types.js';
export { repairChain, type RepairOptions, type RepairResult, type RepairStrategy, type RepairDecision, type FileChange } from './repair/index.js';
export { reconcileVersionTable, type ReconcileOptions, type ReconcileResult } from './db/reconcile.js';
export type { DatabaseOptions, DatabaseState } from './db/check.js';
export { renderGraph, GRAPH_FORMATS, type GraphFormat } from './render/index.js';
