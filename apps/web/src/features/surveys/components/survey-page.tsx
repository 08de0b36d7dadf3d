import { Alert, Badge, Button, Group, Stack, Tabs, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SurveyDefinition } from '@relance/domain/surveys/survey-definition';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { LoadingState } from '../../../components/states';
import { ApiError } from '../../../lib/api-error';
import { useCan } from '../../../lib/session';
import type { SurveyWithWaves } from '../api/schemas';
import { useSaveSurvey, useSurvey } from '../hooks/use-surveys';
import { forSaving } from './editor-model';
import { QuestionnaireEditor } from './questionnaire-editor';
import { WavesPanel } from './waves-panel';

/** A survey: its questionnaire (editor) and its waves. */
export function SurveyPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const survey = useSurvey(id);
  return (
    <>
      <PageHeader
        title={survey.data?.name ?? t('surveys.title')}
        subtitle={survey.data ? t(`surveys.purpose.${survey.data.purpose}`) : undefined}
        actions={
          <Button component={Link} to="/surveys" variant="default">
            {t('surveys.backToList')}
          </Button>
        }
      />
      <ProblemAlert error={survey.error} />
      {survey.isPending && <LoadingState />}
      {survey.data && <SurveyTabs survey={survey.data} onReload={() => void survey.refetch()} />}
    </>
  );
}

function SurveyTabs({ survey, onReload }: { survey: SurveyWithWaves; onReload: () => void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>(survey.waves.length > 0 ? 'waves' : 'questionnaire');
  return (
    <Tabs value={tab} onChange={setTab} keepMounted={false}>
      <Tabs.List mb="md">
        <Tabs.Tab value="questionnaire" data-testid="tab-questionnaire">
          {t('surveys.tabs.questionnaire')}
        </Tabs.Tab>
        <Tabs.Tab
          value="waves"
          data-testid="tab-waves"
          rightSection={
            <Badge size="xs" variant="light">
              {survey.waves.length}
            </Badge>
          }
        >
          {t('surveys.tabs.waves')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="questionnaire">
        {/* a new version (saved here or reloaded) starts a new draft */}
        <EditorForm key={survey.version} survey={survey} onReload={onReload} />
      </Tabs.Panel>
      <Tabs.Panel value="waves">
        <WavesPanel survey={survey} />
      </Tabs.Panel>
    </Tabs>
  );
}

/** The editor's draft, saved over the version it loaded: 409 says someone saved in between. */
function EditorForm({ survey, onReload }: { survey: SurveyWithWaves; onReload: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const writable = can('surveys:write');
  const [name, setName] = useState(survey.name);
  const [definition, setDefinition] = useState<SurveyDefinition>(survey.definition);
  const [dirty, setDirty] = useState(false);
  const save = useSaveSurvey(survey.id);
  const error = save.error;
  const conflict = error instanceof ApiError && error.code === 'conflict';
  const fieldErrors = error instanceof ApiError ? error.fieldErrorRecord() : {};
  // errors the editor shows next to a field: everything under the questionnaire's parts, and the name
  const placed = Object.keys(fieldErrors).filter((f) =>
    /^(name|definition\.(title|intro|filter|overall|components|habits|intentions|open))(\.|$)/.test(f),
  );

  const onSave = () =>
    save.mutate(
      { name, definition: forSaving(definition), version: survey.version },
      {
        onSuccess: () => {
          setDirty(false);
          notifications.show({ color: 'teal', message: t('surveys.editor.saved') });
        },
      },
    );

  return (
    <Stack data-testid="survey-editor" data-version={survey.version}>
      {survey.waves.length > 0 && (
        <Alert color="blue" variant="light">
          {t('surveys.editor.wavesKeepTheirs')}
        </Alert>
      )}
      <Group align="flex-end">
        <TextInput
          label={t('surveys.name')}
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setDirty(true);
          }}
          error={fieldErrors.name}
          w={360}
          data-testid="survey-name"
        />
      </Group>
      <QuestionnaireEditor
        definition={definition}
        onChange={(d) => {
          setDefinition(d);
          setDirty(true);
        }}
        errors={fieldErrors}
      />
      {conflict ? (
        <Alert
          color="orange"
          role="alert"
          data-testid="save-conflict"
          title={t('surveys.editor.conflictTitle')}
        >
          <Stack gap="xs">
            {t('surveys.editor.conflict')}
            <Button variant="white" w="fit-content" onClick={onReload} data-testid="reload-survey">
              {t('surveys.editor.reload')}
            </Button>
          </Stack>
        </Alert>
      ) : (
        <ProblemAlert error={error} withFieldErrors shownFields={placed} />
      )}
      {writable && (
        <Group
          pos="sticky"
          bottom={0}
          py="sm"
          style={{ background: 'var(--mantine-color-gray-0)', zIndex: 5 }}
          justify="flex-end"
        >
          {dirty && (
            <Badge color="orange" variant="light">
              {t('surveys.editor.unsaved')}
            </Badge>
          )}
          <Button onClick={onSave} loading={save.isPending} data-testid="save-survey">
            {t('surveys.editor.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
