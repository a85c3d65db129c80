import type { Metadata } from 'next';
import { Suspense } from 'react';
import { VerifyVehicle } from './_components/VerifyVehicle';

export const metadata: Metadata = { title: 'Verify a car — CarBook ledger' };

/** The buyer's page: no wallet, no account. Reads the chain through the consortium's public RPC proxy. */
export default function VerifyPage() {
  return (
    <Suspense>
      <VerifyVehicle />
    </Suspense>
  );
}
