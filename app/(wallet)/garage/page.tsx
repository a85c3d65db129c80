import type { Metadata } from 'next';
import { Garage } from './_components/Garage';

export const metadata: Metadata = { title: 'My car books — CarBook ledger' };

export default function GaragePage() {
  return <Garage />;
}
