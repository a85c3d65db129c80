import type { Metadata } from 'next';
import { ExpertDesk } from './_components/ExpertDesk';

export const metadata: Metadata = { title: 'Insurance expert — CarBook ledger' };

export default function ExpertPage() {
  return <ExpertDesk />;
}
