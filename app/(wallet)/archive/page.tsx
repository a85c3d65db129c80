import type { Metadata } from 'next';
import { Archive } from './_components/Archive';

export const metadata: Metadata = { title: 'Archiving service — CarBook ledger' };

export default function ArchivePage() {
  return <Archive />;
}
