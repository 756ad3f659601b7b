import type { ComponentType } from 'react';
import { api } from '../api.js';
import { DirectorySection } from '../community/directory.js';
import { InvitationsSection } from '../community/invites.js';
import { MatchesSection } from '../community/matches.js';
import { MembersSection } from '../community/members.js';
import { ReferralsSection } from '../community/referrals.js';
import { ReviewSection } from '../community/review.js';
import { canManage, communityPath, type CommunityDetail } from '../community/types.js';
import { Link } from '../router.js';
import { Badge, ErrorNote, PageHead, useLoad } from '../ui.js';
import '../community/community.css';

export interface SectionProps {
  community: CommunityDetail;
  reload: () => void;
}

const sections: { key: string; label: string; Section: ComponentType<SectionProps>; managers?: true }[] = [
  { key: 'members', label: 'Members', Section: MembersSection },
  { key: 'directory', label: 'Directory', Section: DirectorySection },
  { key: 'matches', label: 'Matches', Section: MatchesSection },
  { key: 'referrals', label: 'Referrals', Section: ReferralsSection },
  { key: 'invitations', label: 'Invitations', Section: InvitationsSection, managers: true },
  { key: 'review', label: 'Weekly review', Section: ReviewSection },
];

/** `/communities/<id>/<section>`: one community, a section at a time (each its own address). */
export default function CommunityPage({ id = '' }: { id?: string }) {
  const [raw = '', tab = 'members'] = id.split('/');
  const communityId = decodeURIComponent(raw);
  const c = useLoad(
    (signal) =>
      api<CommunityDetail>('GET', `/api/communities/${encodeURIComponent(communityId)}`, undefined, signal),
    [communityId],
  );
  const community = c.data;
  const shown = sections.filter((s) => !s.managers || (community && canManage(community.role)));
  const current = shown.find((s) => s.key === tab) ?? shown[0];

  return (
    <>
      <PageHead title={community?.name ?? 'Community'}>
        {community && (
          <Badge>you are {community.role === 'member' ? 'a member' : `an ${community.role}`}</Badge>
        )}
      </PageHead>
      <p className="small">
        <Link href="/communities">← All communities</Link>
      </p>
      <ErrorNote error={c.error} />
      {community && (
        <>
          <nav aria-label="Community sections" className="section-tabs">
            <ul>
              {shown.map((s) => (
                <li key={s.key}>
                  <Link
                    href={communityPath(community.id, s.key)}
                    aria-current={s === current ? 'page' : undefined}
                  >
                    {s.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {current && <current.Section community={community} reload={c.reload} />}
        </>
      )}
    </>
  );
}
