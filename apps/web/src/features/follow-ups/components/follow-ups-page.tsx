import { Anchor, Group, Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { EmptyState, LoadingState } from '../../../components/states';
import { useCan } from '../../../lib/session';
import { useBoard, useFollowUpCampaigns } from '../hooks/use-follow-ups';
import { FollowUpBoard } from './board';
import { FollowUpDrawer } from './follow-up-drawer';
import { MoveDialog, type PendingMove } from './move-dialog';

/**
 * The follow-up board of a campaign (`?campaign=<id>`, else the one with the most open follow-ups), with the
 * card's details in a drawer (`&card=<id>`) and the move dialog.
 */
export function FollowUpsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const canMove = can('follow-ups:work');
  const [params, setParams] = useSearchParams();
  const campaigns = useFollowUpCampaigns();
  const campaignId = params.get('campaign') ?? campaigns.data?.items[0]?.id ?? null;
  const cardParam = Number(params.get('card'));
  const cardId = Number.isSafeInteger(cardParam) && cardParam > 0 ? cardParam : null;
  const board = useBoard(campaignId);
  const [move, setMove] = useState<PendingMove | null>(null);

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: key === 'card' },
    );

  return (
    <>
      <PageHeader
        title={t('followUps.board.title')}
        subtitle={t('followUps.board.subtitle')}
        actions={
          <Group>
            <Anchor component={Link} to="/follow-ups/due" size="sm">
              {t('followUps.due.title')}
            </Anchor>
            <Select
              aria-label={t('followUps.board.campaign')}
              placeholder={t('followUps.board.campaign')}
              data={(campaigns.data?.items ?? []).map((c) => ({
                value: c.id,
                label: t('followUps.board.campaignOption', { name: c.name, open: c.open }),
              }))}
              value={campaignId}
              onChange={(v) => setParam('campaign', v)}
              searchable
              w={320}
              data-testid="board-campaign"
            />
          </Group>
        }
      />
      {campaigns.isError && <ProblemAlert error={campaigns.error} />}
      {campaigns.isPending || (campaignId && board.isPending) ? (
        <LoadingState />
      ) : !campaignId ? (
        <EmptyState title={t('followUps.board.empty')}>{t('followUps.board.emptyHint')}</EmptyState>
      ) : board.isError ? (
        <ProblemAlert error={board.error} />
      ) : board.data ? (
        <FollowUpBoard
          board={board.data}
          canMove={canMove}
          onOpen={(card) => setParam('card', String(card.id))}
          onMove={(card, kind) => setMove({ card, kind })}
        />
      ) : null}
      <FollowUpDrawer id={cardId} canMove={canMove} onClose={() => setParam('card', null)} onMove={setMove} />
      <MoveDialog move={move} onClose={() => setMove(null)} />
    </>
  );
}
