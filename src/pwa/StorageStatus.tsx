import { useCallback, useEffect, useId, useState } from 'react';
import {
  canRequestPersistentStorage,
  getStorageStatus,
  requestPersistentStorage,
  type StorageInfo,
} from './storagePersistence';

export interface StorageStatusLabels {
  heading: string;
  /** Start of the status line: "Storage: persistent · 1.2 MB used of 300 MB". */
  storage: string;
  persistent: string;
  notPersistent: string;
  unknown: string;
  usage: (used: string, quota: string) => string;
  usageOnly: (used: string) => string;
  keepData: string;
  denied: string;
  safariNote: string;
  /** A size in bytes for people, in the user's language. */
  formatBytes: (bytes: number) => string;
}

export interface StorageStatusProps {
  /** Every text it may show, in the user's language (the app's messages). */
  labels: StorageStatusLabels;
  /** Level of the section heading; 2 by default. */
  headingLevel?: 2 | 3 | 4;
}

/** Settings section: is storage persistent, how much is used, and a button to ask for persistence. */
export function StorageStatus({ labels: text, headingLevel = 2 }: StorageStatusProps) {
  const headingId = useId();
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const [wasDenied, setDenied] = useState(false);
  const [isAsking, setAsking] = useState(false);

  const refresh = useCallback(async () => {
    setInfo(await getStorageStatus());
  }, []);

  useEffect(() => {
    let isCurrent = true;
    void getStorageStatus().then((next) => {
      if (isCurrent) setInfo(next);
    });
    return () => {
      isCurrent = false;
    };
  }, []);

  const keepData = async () => {
    setAsking(true);
    const granted = await requestPersistentStorage();
    setDenied(!granted);
    await refresh();
    setAsking(false);
  };

  const Heading = `h${headingLevel}` as const;
  const persistence =
    info?.persisted === true ? text.persistent : info?.persisted === false ? text.notPersistent : text.unknown;
  let usage = '';
  if (info?.usageBytes != null) {
    const used = text.formatBytes(info.usageBytes);
    usage = info.quotaBytes != null ? text.usage(used, text.formatBytes(info.quotaBytes)) : text.usageOnly(used);
  }

  return (
    <section aria-labelledby={headingId}>
      <Heading id={headingId}>{text.heading}</Heading>
      <p data-pwa="storage-status">
        {info ? `${text.storage}: ${persistence}${usage ? ` · ${usage}` : ''}` : `${text.storage}: …`}
      </p>
      {info && info.persisted !== true && canRequestPersistentStorage() && (
        <button type="button" onClick={() => void keepData()} disabled={isAsking}>
          {text.keepData}
        </button>
      )}
      {wasDenied && <p role="status">{text.denied}</p>}
      <p>{text.safariNote}</p>
    </section>
  );
}
