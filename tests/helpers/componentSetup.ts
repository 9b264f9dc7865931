// Component tests run against the real Dexie on an in-memory IndexedDB.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { Blob as NodeBlob } from 'node:buffer';
import { afterEach } from 'vitest';

// IndexedDB stores a Blob by structured clone, as the browser does (practice
// recordings). happy-dom's Blob does not survive Node's structured clone
// (fake-indexeddb gets back a plain object); Node's own Blob does, with the
// same interface, so the tests use it.
globalThis.Blob = NodeBlob as unknown as typeof Blob;

// `findBy…` and `waitFor` give a screen 5 s instead of 1 s: a loaded CI machine
// once took longer than 1 s to open Settings (it reads storage, recordings'
// size and the retention cost's cards). A wait that passes is as strict.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
});
