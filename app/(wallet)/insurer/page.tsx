import type { Metadata } from 'next';
import { InsurerDesk } from './_components/InsurerDesk';

export const metadata: Metadata = { title: 'Insurer — CarBook ledger' };

export default function InsurerPage() {
  return <InsurerDesk />;
}
