import { useTranslation } from 'react-i18next';

/** A team queue's name in the user's language; a campaign's queue is named after its campaign. */
export function useQueueName(): (q: { key: string; name: string }) => string {
  const { t } = useTranslation();
  return (q) =>
    q.key.startsWith('team:') ? t(`callbacks.queueNames.${q.key}`, { defaultValue: q.name }) : q.name;
}
