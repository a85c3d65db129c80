import Link from 'next/link';

/** The professional and owner pages. No link of the home page is prefetched: it loads only its own code. */
const ROLES = [
  {
    href: '/garage',
    title: 'Car owners',
    text: 'See your car books, add records, give a workshop temporary access, insure the car, sell it with its history.',
  },
  {
    href: '/manufacturer',
    title: 'Manufacturers and dealers',
    text: 'Create the car book at first sale and hand it to the first owner.',
  },
  {
    href: '/workshop',
    title: 'Independent workshops',
    text: "Open a car book with the owner's grant and write service and repair records while it lasts.",
  },
  {
    href: '/insurer',
    title: 'Insurers',
    text: 'Accept covers, open claims, mandate experts, redeem wrecks and pass them to recyclers.',
  },
  {
    href: '/expert',
    title: 'Insurance experts',
    text: 'Write the diagnosis of the claims you are mandated for: repairable or total loss.',
  },
  { href: '/recycler', title: 'Recyclers', text: 'Receive wrecks from insurers and declare them destroyed for good.' },
  {
    href: '/archive',
    title: 'Document anchors',
    text: 'Check when a document was anchored, by which archiving service; archivists anchor new ones.',
  },
  {
    href: '/consortium',
    title: 'Consortium members',
    text: 'Admit and remove members by majority vote, change parameters, manage your staff.',
  },
] as const;

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
        <Link href="/verify" className="card" prefetch={false}>
          <h2>Buying a used car?</h2>
          <p>Enter the VIN and see its verified mileage history and status. No wallet needed.</p>
        </Link>
        {ROLES.map(({ href, title, text }) => (
          <Link key={href} href={href} className="card" prefetch={false}>
            <h2>{title}</h2>
            <p>{text}</p>
          </Link>
        ))}
      </div>
    </>
  );
}
