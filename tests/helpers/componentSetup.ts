// Component tests run against the real Dexie on an in-memory IndexedDB.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { Blob as NodeBlob } from 'node:buffer';
import { afterEach } from 'vitest';

// IndexedDB stores a Blob by structured clone, as the browser does (practice
// recordings). happy-dom's Blob does not survive Node's structured clone
// (fake-indexeddb gets back a plain object); Node's own Blob does, with the
// same interface, so the tests use it.
globalThis.Blob = NodeBlob as unknown as typeof Blob;

afterEach(() => {
  cleanup();
});
