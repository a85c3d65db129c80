import type { Metadata } from 'next';
import { Workshop } from './_components/Workshop';

export const metadata: Metadata = { title: 'Workshop — CarBook ledger' };

export default function WorkshopPage() {
  return <Workshop />;
}
