import type { Metadata } from 'next';
import { ConnectedCars } from './_components/ConnectedCars';
import { CreateCarBook } from './_components/CreateCarBook';

export const metadata: Metadata = { title: 'Manufacturer — CarBook ledger' };

export default function ManufacturerPage() {
  return (
    <>
      <CreateCarBook />
      <ConnectedCars />
    </>
  );
}
