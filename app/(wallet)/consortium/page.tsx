import type { Metadata } from 'next';
import { ConsortiumAdmin } from './_components/ConsortiumAdmin';

export const metadata: Metadata = { title: 'Consortium — CarBook ledger' };

export default function ConsortiumPage() {
  return <ConsortiumAdmin />;
}
