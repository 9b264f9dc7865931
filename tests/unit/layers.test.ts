/**
 * The layer rules (eslint.layers.js) refuse an import in the wrong direction
 * and allow the right one: lints one-line files placed in each folder.
 */
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layerBoundaries } from '../../eslint.layers.js';

const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } }, ...layerBoundaries],
});

async function problemsOf(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.message);
}

describe('layer boundaries', () => {
  const wrongWay: [string, string][] = [
    ['src/features/home/Example.tsx', "import { App } from '../../app/App';"],
    ['src/ui/Example.tsx', "import { HomeScreen } from '../features/home/HomeScreen';"],
    ['src/state/example.ts', "import { useT } from '../ui/i18n';"],
    ['src/storage/example.ts', "import { reviewSessionStore } from '../state/reviewSession';"],
    ['src/storage/example.ts', "import { useState } from 'react';"],
    ['src/domain/example.ts', "import { getDatabase } from '../storage/db';"],
    ['src/domain/example.ts', "import Dexie from 'dexie';"],
    ['src/features/review/Example.tsx', "import Dexie from 'dexie';"],
    ['src/features/review/Example.tsx', "import { useLiveQuery } from 'dexie-react-hooks';"],
    ['src/pwa/example.ts', "import { listDecks } from '../storage';"],
  ];
  for (const [filePath, code] of wrongWay) {
    it(`refuses ${code} in ${filePath}`, async () => {
      const problems = await problemsOf(filePath, code);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/may not import|Only src|No React|Stores live/);
    });
  }

  const rightWay: [string, string][] = [
    ['src/app/Example.tsx', "import { HomeScreen } from '../features/home/HomeScreen';"],
    ['src/features/home/Example.tsx', "import { useT } from '../../ui/i18n';"],
    ['src/features/home/Example.tsx', "import { InstallButton } from '../../pwa';"],
    ['src/ui/Example.tsx', "import { reviewSessionStore } from '../state/reviewSession';"],
    ['src/state/example.ts', "import { listDecks } from '../storage';"],
    ['src/storage/example.ts', "import Dexie from 'dexie';"],
    ['src/ui/data.ts', "import { useLiveQuery } from 'dexie-react-hooks';"],
    ['src/domain/importers/example.ts', "import { parseCloze } from '../cloze';"],
  ];
  for (const [filePath, code] of rightWay) {
    it(`allows ${code} in ${filePath}`, async () => {
      expect(await problemsOf(filePath, code)).toEqual([]);
    });
  }
});
