import type { Organisation } from '../../_components/hooks';
import { KIND_LABELS } from './governance';

export function Members({ organisations, memberCount }: { organisations: Organisation[]; memberCount: number }) {
  return (
    <section className="panel" aria-labelledby="members">
      <h2 id="members">Members ({memberCount})</h2>
      {/* A 360 px phone scrolls the table in its own box, reachable by keyboard (tabIndex), not the whole page. */}
      <div className="table-scroll" tabIndex={0}>
        <table data-testid="members">
          <thead>
            <tr>
              <th>Organisation</th>
              <th>Kind</th>
              <th>Admin</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((org) => (
              <tr key={org.id} data-testid="member" className={org.active ? undefined : 'muted'}>
                <td>{org.name}</td>
                <td>{KIND_LABELS[org.kind]}</td>
                <td className="mono">{org.admin}</td>
                <td>
                  {org.active ? (
                    <span className="badge active">Member</span>
                  ) : (
                    <span className="badge destroyed">Removed</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
