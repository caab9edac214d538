// Regenerates schemas/config.schema.json from the rule registry (run after `npm run build`).
import { writeFileSync } from 'node:fs';
import { allRules } from '../dist/rules/index.js';
import { buildConfigSchema } from '../dist/src/engine/config/schema.js';

writeFileSync(new URL('../schemas/config.schema.json', import.meta.url), JSON.stringify(buildConfigSchema(allRules), null, 2) + '\n');
