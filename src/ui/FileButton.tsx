import { useId } from 'react';

/**
 * A button-styled label over a hidden file input: keyboard and screen
 * readers reach the input, the user sees a button. The input is cleared
 * after each choice so the same file can be chosen again.
 */
export function FileButton({
  label,
  accept,
  onFile,
  className = 'button',
  labelId,
}: {
  label: string;
  accept: string;
  onFile: (file: File) => void;
  className?: string;
  /** An id for the label, for a region that names itself after it. */
  labelId?: string;
}) {
  const inputId = useId();
  return (
    <>
      <label id={labelId} htmlFor={inputId} className={className}>
        {label}
      </label>
      <input
        id={inputId}
        className="visually-hidden"
        type="file"
        accept={accept}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
