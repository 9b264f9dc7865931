// Types for eslint.layers.js (plain JavaScript, read by ESLint and by tests/unit/layers.test.ts).
import type { Linter } from 'eslint';

export const layerBoundaries: Linter.Config[];
