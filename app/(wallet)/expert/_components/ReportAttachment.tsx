'use client';

/**
 * The expert's report document for a diagnosis (optional): encrypted in the browser, stored on the consortium's
 * IPFS node, and its key sealed for the book's readers (the owner, the maker's network, the covering insurer).
 */
export function ReportAttachment({ onChange }: { onChange: (file: File | undefined) => void }) {
  return (
    <label>
      Expert report (optional)
      <input type="file" name="report" onChange={(event) => onChange(event.target.files?.[0] ?? undefined)} />
      <span className="hint">
        Encrypted before it is stored: only the owner, the maker&apos;s network and the insurer can open it.
      </span>
    </label>
  );
}
