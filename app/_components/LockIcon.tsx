/** A padlock drawn inline: emoji fonts are missing on many machines (a 🔒 then shows as an empty box). */
export function LockIcon({ open = false }: { open?: boolean }) {
  return (
    <svg className="lock-icon" width="0.9em" height="0.9em" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
      <path
        d={open ? 'M5 7V4.6a3 3 0 0 1 5.8-1.1' : 'M5 7V4.6a3 3 0 0 1 6 0V7'}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
      />
    </svg>
  );
}
