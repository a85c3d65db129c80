import type { Metadata } from 'next';
import { RecyclerYard } from './_components/RecyclerYard';

export const metadata: Metadata = { title: 'Recycler — CarBook ledger' };

export default function RecyclerPage() {
  return <RecyclerYard />;
}
