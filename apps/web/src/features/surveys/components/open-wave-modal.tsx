import {
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { INVITATION_CHANNELS, type InvitationChannel } from '@relance/domain/surveys/survey-waves';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-error';
import type { NewWave } from '../api/surveys';
import { useCampaignChoices, useCampaignSteps, useOpenWave } from '../hooks/use-surveys';

type Source = NewWave['source'];
type Moment = 'after_first_order' | 'complaint_closed' | 'became_former' | 'cancellation';
const INVITING = new Set(['email', 'sms', 'phone']);
/** the merge field of the answer link, shown as is */
const SURVEY_URL = '{{surveyUrl}}';

/**
 * Opens a wave: through a campaign step (choose the campaign, then its email, SMS or phone step), at a moment in
 * the customer's life (the moment, how invitations go out, and for email or SMS the campaign copied each day),
 * or by hand (telemarketers fill it in during calls).
 */
export function OpenWaveModal({
  surveyId,
  opened,
  onClose,
}: {
  surveyId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [source, setSource] = useState<Source>('campaign');
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const [stepId, setStepId] = useState<string | null>(null);
  const [moment, setMoment] = useState<Moment>('after_first_order');
  const [months, setMonths] = useState(4);
  const [thenYearly, setThenYearly] = useState(true);
  const [daysAfter, setDaysAfter] = useState(2);
  const [deliverBy, setDeliverBy] = useState<InvitationChannel>('email');
  const [templateId, setTemplateId] = useState<string | null>(null);
  const campaigns = useCampaignChoices(
    opened && (source === 'campaign' || (source === 'moment' && deliverBy !== 'phone')),
  );
  const steps = useCampaignSteps(source === 'campaign' ? campaignId : null);
  const mutation = useOpenWave(surveyId);
  const errors = mutation.error instanceof ApiError ? mutation.error.fieldErrorRecord() : {};

  const body = (): NewWave => {
    switch (source) {
      case 'campaign':
        return { source, name, stepId: stepId ?? '' };
      case 'moment': {
        const trigger =
          moment === 'after_first_order'
            ? { moment, months, thenYearly, deliverBy }
            : moment === 'complaint_closed'
              ? { moment, daysAfter, deliverBy }
              : { moment, deliverBy };
        return { source, name, trigger, templateCampaignId: deliverBy === 'phone' ? null : templateId };
      }
      case 'manual':
        return { source, name };
    }
  };

  const submit = () =>
    mutation.mutate(body(), {
      onSuccess: () => {
        mutation.reset();
        setName('');
        onClose();
      },
    });
  const campaignOptions = (campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));

  return (
    <Modal opened={opened} onClose={onClose} title={t('surveys.waves.openTitle')} size="lg">
      <Stack>
        <TextInput
          label={t('surveys.waves.name')}
          placeholder={t('surveys.waves.namePlaceholder')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-testid="wave-name"
          data-autofocus
        />
        <SegmentedControl
          value={source}
          onChange={(v) => setSource(v as Source)}
          data={(['campaign', 'moment', 'manual'] as const).map((s) => ({
            value: s,
            label: t(`surveys.waves.source.${s}`),
          }))}
          data-testid="wave-source"
        />
        <Text size="sm" c="dimmed">
          {t(`surveys.waves.sourceHint.${source}`, { field: SURVEY_URL })}
        </Text>
        {source === 'campaign' && (
          <>
            <Select
              label={t('surveys.waves.campaign')}
              data={campaignOptions}
              value={campaignId}
              onChange={(v) => {
                setCampaignId(v);
                setStepId(null);
              }}
              searchable
              data-testid="wave-campaign"
            />
            <Select
              label={t('surveys.waves.step')}
              disabled={!campaignId}
              data={(steps.data?.steps ?? [])
                .filter((s) => INVITING.has(s.channel))
                .map((s) => ({
                  value: s.id,
                  label: t('surveys.waves.stepLabel', {
                    n: s.position,
                    channel: t(`surveys.channels.${s.channel}`),
                    day: s.offsetDays,
                  }),
                }))}
              value={stepId}
              onChange={setStepId}
              error={errors.stepId}
              data-testid="wave-step"
            />
            <Text size="xs" c="dimmed">
              {t('surveys.waves.surveyUrlHint', { field: SURVEY_URL })}
            </Text>
          </>
        )}
        {source === 'moment' && (
          <>
            <Select
              label={t('surveys.waves.moment')}
              data={(['after_first_order', 'complaint_closed', 'became_former', 'cancellation'] as const).map(
                (m) => ({
                  value: m,
                  label: t(`surveys.waves.moments.${m}`),
                }),
              )}
              value={moment}
              allowDeselect={false}
              onChange={(v) => v && setMoment(v as Moment)}
              data-testid="wave-moment"
            />
            {moment === 'after_first_order' && (
              <Group align="flex-end">
                <NumberInput
                  label={t('surveys.waves.months')}
                  min={1}
                  max={36}
                  value={months}
                  onChange={(v) => setMonths(typeof v === 'number' ? v : 4)}
                  w={160}
                />
                <Switch
                  label={t('surveys.waves.thenYearly')}
                  checked={thenYearly}
                  onChange={(e) => setThenYearly(e.currentTarget.checked)}
                  mb={8}
                />
              </Group>
            )}
            {moment === 'complaint_closed' && (
              <NumberInput
                label={t('surveys.waves.daysAfter')}
                min={0}
                max={60}
                value={daysAfter}
                onChange={(v) => setDaysAfter(typeof v === 'number' ? v : 2)}
                w={160}
              />
            )}
            <Select
              label={t('surveys.waves.deliverBy')}
              data={INVITATION_CHANNELS.map((c) => ({ value: c, label: t(`surveys.channels.${c}`) }))}
              value={deliverBy}
              allowDeselect={false}
              onChange={(v) => v && setDeliverBy(v as InvitationChannel)}
              data-testid="wave-deliver-by"
            />
            {deliverBy !== 'phone' && (
              <Select
                label={t('surveys.waves.template')}
                description={t('surveys.waves.templateHint', { field: SURVEY_URL })}
                data={campaignOptions}
                value={templateId}
                onChange={setTemplateId}
                error={errors.templateCampaignId}
                searchable
                data-testid="wave-template"
              />
            )}
          </>
        )}
        <ProblemAlert
          error={mutation.error}
          withFieldErrors
          shownFields={['name', 'stepId', 'templateCampaignId']}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={mutation.isPending} data-testid="wave-open">
            {t('surveys.waves.open')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
