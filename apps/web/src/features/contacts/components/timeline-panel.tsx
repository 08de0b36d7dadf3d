import { Button, Text, Timeline } from '@mantine/core';
import { assertNever } from '@relance/domain/vocabulary';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { EmptyState, LoadingState } from '../../../components/states';
import { type Formatters, useFormat } from '../../../lib/format';
import type { TimelineItem, TimelineType } from '../api/schemas';
import { useTimeline } from '../hooks/use-contact';

/** A member of the item, flat (`item.amountCents`) or nested under its type (`item.order.amountCents`). */
function read(item: TimelineItem, key: string): unknown {
  if (key in item) return item[key];
  const nested = item[item.type];
  return nested && typeof nested === 'object' ? (nested as Record<string, unknown>)[key] : undefined;
}

function str(item: TimelineItem, key: string): string | undefined {
  const v = read(item, key);
  return typeof v === 'string' && v ? v : undefined;
}

function describe(item: TimelineItem, t: TFunction, f: Formatters): { title: string; detail?: string } {
  const type: TimelineType = item.type;
  switch (type) {
    case 'order': {
      const amount = read(item, 'amountCents');
      const flags = [
        read(item, 'promo') ? t('orders.promo') : '',
        read(item, 'voucher') ? t('orders.voucher') : '',
      ]
        .filter(Boolean)
        .join(', ');
      return {
        title: t('timeline.order', { amount: typeof amount === 'number' ? f.money(amount) : '—' }),
        detail: [str(item, 'externalId'), flags].filter(Boolean).join(' · ') || undefined,
      };
    }
    case 'interaction': {
      const kind = str(item, 'kind');
      return {
        title: [
          kind ? t(`interactionKinds.${kind}`, { defaultValue: kind }) : t('timeline.interaction'),
          str(item, 'subject'),
        ]
          .filter(Boolean)
          .join(' — '),
        detail: str(item, 'body'),
      };
    }
    case 'consent': {
      const channel = str(item, 'channel');
      const status = str(item, 'status');
      return {
        title: t('timeline.consent', {
          channel: channel ? t(`channels.${channel}`, { defaultValue: channel }) : '',
          status: status ? t(`consentStatuses.${status}`, { defaultValue: status }) : '',
        }),
        detail: str(item, 'source'),
      };
    }
    case 'suppression': {
      const channel = str(item, 'channel');
      const reason = str(item, 'reason');
      return {
        title: t('timeline.suppression', {
          channel: channel ? t(`channels.${channel}`, { defaultValue: channel }) : '',
          reason: reason ? t(`suppressionReasons.${reason}`, { defaultValue: reason }) : '',
        }),
        detail: str(item, 'address'),
      };
    }
    case 'send': {
      const channel = str(item, 'channel');
      const status = str(item, 'status');
      return {
        title: t(status === 'sent' ? 'contactTimeline.sent' : 'contactTimeline.sendFailed', {
          channel: channel ? t(`channels.${channel}`, { defaultValue: channel }) : '',
          campaign: str(item, 'campaignName') ?? '',
        }),
        detail: str(item, 'trackingCode'),
      };
    }
    case 'send_event': {
      const kind = str(item, 'kind') ?? '';
      const amount = read(item, 'amountCents');
      const channel = str(item, 'channel');
      return {
        title: [
          t(`contactTimeline.events.${kind}`, { defaultValue: kind }),
          typeof amount === 'number' ? f.money(amount) : null,
        ]
          .filter(Boolean)
          .join(' · '),
        detail: [
          str(item, 'campaignName'),
          channel ? t(`channels.${channel}`, { defaultValue: channel }) : null,
          t(`contactTimeline.sources.${str(item, 'source') ?? ''}`, {
            defaultValue: str(item, 'source') ?? '',
          }),
        ]
          .filter(Boolean)
          .join(' · '),
      };
    }
    case 'follow_up_move': {
      const kind = str(item, 'kind') ?? '';
      const amount = read(item, 'amountCents');
      const reason = str(item, 'lostReason');
      return {
        title: [
          t(`contactTimeline.moves.${kind}`, { defaultValue: kind }),
          typeof amount === 'number' ? f.money(amount) : null,
          reason ? t(`followUps.lostReasons.${reason}`, { defaultValue: reason }) : null,
          str(item, 'competitor'),
        ]
          .filter(Boolean)
          .join(' · '),
        detail: [str(item, 'campaignName'), str(item, 'note'), str(item, 'userName')]
          .filter(Boolean)
          .join(' · '),
      };
    }
    default:
      return assertNever(type, 'timeline type');
  }
}

const COLORS: Record<TimelineType, string> = {
  order: 'teal',
  interaction: 'blue',
  consent: 'gray',
  suppression: 'red',
  send: 'gray',
  send_event: 'cyan',
  follow_up_move: 'orange',
};

export function TimelinePanel({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const timeline = useTimeline(contactId);
  if (timeline.isPending) return <LoadingState />;
  if (timeline.isError) return <ProblemAlert error={timeline.error} />;
  const items = timeline.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState title={t('timeline.empty')} />;
  return (
    <>
      <Timeline bulletSize={14} lineWidth={2} data-testid="timeline" mt="xs">
        {items.map((item) => {
          const { title, detail } = describe(item, t, f);
          return (
            <Timeline.Item
              key={`${item.type}:${item.id}`}
              color={COLORS[item.type]}
              title={
                <Text size="sm" fw={500}>
                  {title}
                </Text>
              }
            >
              {detail && (
                <Text size="sm" c="dimmed" lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
                  {detail}
                </Text>
              )}
              <Text size="xs" c="dimmed" mt={2}>
                {/* an order's date is a day; everything else happened at a time */}
                {t(`timeline.types.${item.type}`)} ·{' '}
                {item.type === 'order' ? f.date(item.at) : f.dateTime(item.at)}
              </Text>
            </Timeline.Item>
          );
        })}
      </Timeline>
      {timeline.hasNextPage && (
        <Button
          variant="default"
          size="xs"
          mt="sm"
          onClick={() => timeline.fetchNextPage()}
          loading={timeline.isFetchingNextPage}
          data-testid="timeline-more"
        >
          {t('contactTimeline.more')}
        </Button>
      )}
    </>
  );
}
