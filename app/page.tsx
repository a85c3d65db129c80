import Link from 'next/link';

export default function Home() {
  return (
    <>
      <section className="hero">
        <h1>Vehicle history you can check yourself</h1>
        <p>
          Carmakers, insurers, an archiving service and recyclers keep every car&apos;s life-cycle on a shared chain:
          mileage that can never go down, service records, insurance claims and wreck status for good.
        </p>
      </section>
      <div className="cards">
        <Link href="/verify" className="card">
          <h2>Buying a used car?</h2>
          <p>Enter the VIN and see its verified mileage history and status. No wallet needed.</p>
        </Link>
        <Link href="/garage" className="card" prefetch={false}>
          <h2>Car owners</h2>
          <p>See your car books, add mileage and service records, sell with the full history.</p>
        </Link>
        <Link href="/manufacturer" className="card" prefetch={false}>
          <h2>Manufacturers and dealers</h2>
          <p>Create the car book at first sale and hand it to the first owner.</p>
        </Link>
      </div>
    </>
  );
}
