import { useEffect, useState } from 'react';
import { mediaUsage } from '../../storage/media';

/** How many media files this device holds and their bytes. */
export interface MediaTotal {
  count: number;
  bytes: number;
}

/** The media files' count and bytes (`mediaUsage`), read again whenever `version` changes; null until read or when the read failed. */
export function useMediaUsage(version: number): MediaTotal | null {
  const [total, setTotal] = useState<MediaTotal | null>(null);
  useEffect(() => {
    let isCurrent = true;
    mediaUsage().then(
      (read) => {
        if (isCurrent) setTotal(read);
      },
      () => {
        if (isCurrent) setTotal(null); // only the line and the size are not shown; backups still work
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [version]);
  return total;
}
