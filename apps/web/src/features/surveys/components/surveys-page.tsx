import {
  Anchor,
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { SURVEY_PURPOSES, type SurveyPurpose } from '@relance/domain/surveys/survey-definition';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { EmptyState, LoadingState } from '../../../components/states';
import { ApiError } from '../../../lib/api-error';
import { useFormat } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import { useCreateSurvey, useSurveyList } from '../hooks/use-surveys';

/** The surveys: name, purpose, waves and answers; a new one starts from the trade's template of its purpose. */
export function SurveysPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const list = useSurveyList();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('surveys.title')}
        subtitle={t('surveys.subtitle')}
        actions={
          can('surveys:write') ? (
            <Button onClick={() => setCreating(true)} data-testid="new-survey">
              {t('surveys.new')}
            </Button>
          ) : null
        }
      />
      <ProblemAlert error={list.error} />
      {list.isPending && <LoadingState />}
      {list.data && list.data.items.length === 0 && (
        <EmptyState title={t('surveys.empty')}>{t('surveys.emptyHint')}</EmptyState>
      )}
      {list.data && list.data.items.length > 0 && (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" highlightOnHover data-testid="surveys-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('surveys.name')}</Table.Th>
                  <Table.Th>{t('surveys.purposeLabel')}</Table.Th>
                  <Table.Th ta="right">{t('surveys.columns.waves')}</Table.Th>
                  <Table.Th ta="right">{t('surveys.columns.answers')}</Table.Th>
                  <Table.Th>{t('surveys.columns.updated')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((s) => (
                  <Table.Tr key={s.id} data-testid={`survey-row-${s.id}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/surveys/${s.id}`} fw={500}>
                        {s.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`surveys.purpose.${s.purpose}`)}</Table.Td>
                    <Table.Td ta="right">
                      {t('surveys.columns.wavesValue', { n: f.number(s.waves), open: f.number(s.openWaves) })}
                    </Table.Td>
                    <Table.Td ta="right" data-testid={`survey-answers-${s.id}`}>
                      {f.number(s.answers)}
                    </Table.Td>
                    <Table.Td>{f.date(s.updatedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      <NewSurveyModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function NewSurveyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [purpose, setPurpose] = useState<SurveyPurpose>('satisfaction');
  const create = useCreateSurvey();
  const errors = create.error instanceof ApiError ? create.error.fieldErrorRecord() : {};
  return (
    <Modal opened={opened} onClose={onClose} title={t('surveys.new')}>
      <Stack>
        <TextInput
          label={t('surveys.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-testid="new-survey-name"
          data-autofocus
        />
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('surveys.template')}
          </Text>
          <SegmentedControl
            fullWidth
            value={purpose}
            onChange={(v) => setPurpose(v as SurveyPurpose)}
            data={SURVEY_PURPOSES.map((p) => ({ value: p, label: t(`surveys.purpose.${p}`) }))}
            data-testid="new-survey-purpose"
          />
          <Text size="xs" c="dimmed" mt={4}>
            {t(`surveys.templateHint.${purpose}`)}
          </Text>
        </div>
        <ProblemAlert error={create.error} withFieldErrors shownFields={['name']} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={create.isPending}
            onClick={() =>
              create.mutate({ name, purpose }, { onSuccess: (s) => navigate(`/surveys/${s.id}`) })
            }
            data-testid="new-survey-create"
          >
            {t('surveys.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
