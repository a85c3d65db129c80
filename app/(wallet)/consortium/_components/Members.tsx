'use client';

import { useTranslations } from '@/lib/browser/i18n';
import type { Organisation } from '../../_components/hooks';

export function Members({ organisations, memberCount }: { organisations: Organisation[]; memberCount: number }) {
  const t = useTranslations('consortium.members');
  const tk = useTranslations('consortium.kind');
  return (
    <section className="panel" aria-labelledby="members">
      <h2 id="members">{t('title', { count: memberCount })}</h2>
      {/* A 360 px phone scrolls the table in its own box, reachable by keyboard (tabIndex), not the whole page. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('title', { count: memberCount })}>
        <table data-testid="members">
          <thead>
            <tr>
              <th>{t('organisation')}</th>
              <th>{t('kind')}</th>
              <th>{t('admin')}</th>
              <th>{t('status')}</th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((org) => (
              <tr key={org.id} data-testid="member" className={org.active ? undefined : 'muted'}>
                <td>{org.name}</td>
                <td>{tk(org.kind)}</td>
                <td className="mono">{org.admin}</td>
                <td>
                  {org.active ? (
                    <span className="badge active">{t('member')}</span>
                  ) : (
                    <span className="badge destroyed">{t('removed')}</span>
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
