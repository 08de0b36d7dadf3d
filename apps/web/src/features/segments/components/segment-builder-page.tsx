import {
  Anchor,
  Box,
  Button,
  Card,
  Grid,
  Group,
  Modal,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SegmentDefinition } from '@relance/domain/segments/definition';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { LoadingState } from '../../../components/states';
import { ApiError } from '../../../lib/api-error';
import { useCan } from '../../../lib/session';
import type { FieldCatalogue, SavedSegment } from '../api/segments';
import {
  useDeleteSegment,
  useLiveCount,
  useLivePreview,
  useSaveSegment,
  useSegment,
  useSegmentFields,
} from '../hooks/use-segments';
import { CountPanel } from './count-panel';
import { GroupEditor } from './group-editor';
import { PreviewTable } from './preview-table';
import {
  errorsByNode,
  fromDefinition,
  type GroupDraft,
  type NodeDraft,
  newGroup,
  toDefinition,
  updateNode,
} from './rule-draft';

/** `/segments/new` and `/segments/:id`: the builder, once the field catalogue (and the segment) are loaded. */
export function SegmentBuilderPage() {
  const { id } = useParams();
  const fields = useSegmentFields();
  const segment = useSegment(id);
  if (fields.isError) return <ProblemAlert error={fields.error} />;
  if (segment.isError) return <ProblemAlert error={segment.error} />;
  if (!fields.data || (id && !segment.data)) return <LoadingState />;
  return <Builder key={segment.data?.id ?? 'new'} catalogue={fields.data} saved={segment.data ?? null} />;
}

function Builder({ catalogue, saved }: { catalogue: FieldCatalogue; saved: SavedSegment | null }) {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const readOnly = !can('segments:write');
  const fieldsByKey = useMemo(() => new Map(catalogue.items.map((f) => [f.key, f])), [catalogue]);
  const [name, setName] = useState(saved?.name ?? '');
  const [description, setDescription] = useState(saved?.description ?? '');
  const [root, setRoot] = useState<GroupDraft>(() =>
    saved ? fromDefinition(saved.definition as SegmentDefinition, fieldsByKey) : newGroup('and'),
  );
  const [previewOpen, setPreviewOpen] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const save = useSaveSegment();
  const remove = useDeleteSegment();

  const definition = useMemo(() => toDefinition(root, fieldsByKey), [root, fieldsByKey]);
  const { count, reach } = useLiveCount(definition);
  const preview = useLivePreview(definition, previewOpen);
  const update = (id: string, change: (node: NodeDraft) => NodeDraft | null) =>
    setRoot((current) => updateNode(current, id, change) ?? newGroup('and'));

  // errors from the count (live) or the last save, shown under their rule
  const apiErrors = [count.error, save.error].flatMap((e) => (e instanceof ApiError ? e.fieldErrors : []));
  const byNode = errorsByNode(
    root,
    apiErrors.filter((e) => e.field.startsWith('definition')),
  );

  const onSave = () => {
    if (!definition) return;
    save.mutate(
      {
        id: saved?.id,
        version: saved?.version,
        segment: { name, description: description.trim() || null, definition },
      },
      {
        onSuccess: (answer) => {
          notifications.show({ color: 'teal', message: t('segments.builder.saved') });
          if (!saved) navigate(`/segments/${answer.id}`, { replace: true });
        },
      },
    );
  };

  const onDelete = () => {
    if (!saved) return;
    remove.mutate(saved.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('segments.builder.deleted') });
        navigate('/segments');
      },
    });
  };

  const nameError =
    save.error instanceof ApiError
      ? save.error.fieldErrors.find((e) => e.field === 'name')?.message
      : undefined;

  return (
    <>
      <PageHeader
        title={saved?.name ?? t('segments.builder.newTitle')}
        subtitle={
          <Anchor component={Link} to="/segments" size="sm">
            ← {t('segments.builder.back')}
          </Anchor>
        }
        actions={
          readOnly ? null : (
            <>
              {saved && (
                <Button
                  variant="subtle"
                  color="red"
                  onClick={() => setConfirmDelete(true)}
                  data-testid="delete-segment"
                >
                  {t('segments.builder.delete')}
                </Button>
              )}
              <Button
                onClick={onSave}
                loading={save.isPending}
                disabled={!definition}
                data-testid="save-segment"
              >
                {t('segments.builder.save')}
              </Button>
            </>
          )
        }
      />
      {readOnly && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('segments.builder.readOnly')}
        </Text>
      )}
      {save.error && !(save.error instanceof ApiError && save.error.fieldErrors.length) ? (
        <ProblemAlert error={save.error} />
      ) : null}
      {remove.error ? <ProblemAlert error={remove.error} /> : null}
      <Grid gutter="md" mt="sm">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <Card withBorder>
              <Stack gap="sm">
                <TextInput
                  label={t('segments.builder.name')}
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  error={nameError}
                  disabled={readOnly}
                  data-testid="segment-name"
                />
                <Textarea
                  label={t('segments.builder.description')}
                  value={description}
                  onChange={(e) => setDescription(e.currentTarget.value)}
                  autosize
                  minRows={1}
                  disabled={readOnly}
                />
              </Stack>
            </Card>
            <Card withBorder>
              <Title order={4} mb="sm">
                {t('segments.builder.rules')}
              </Title>
              <GroupEditor
                group={root}
                depth={1}
                maxDepth={catalogue.limits.maxDepth}
                fields={catalogue.items}
                fieldsByKey={fieldsByKey}
                update={update}
                errors={byNode}
                readOnly={readOnly}
                path="root"
              />
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <CountPanel
            incomplete={!definition}
            data={count.data}
            fetching={count.isFetching}
            error={count.error}
            reachable={reach.data?.reachable}
            reachFetching={reach.isFetching || reach.isPlaceholderData || count.isFetching}
            reachError={reach.error}
          />
        </Grid.Col>
      </Grid>
      <Box mt="md">
        <PreviewTable
          open={previewOpen}
          onToggle={() => setPreviewOpen((o) => !o)}
          disabled={!definition}
          rows={preview.data?.items}
          fetching={preview.isFetching}
          error={preview.error}
        />
      </Box>
      <Modal
        opened={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t('segments.builder.delete')}
      >
        <Stack>
          <Text size="sm">{t('segments.builder.deleteConfirm', { name: saved?.name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmDelete(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              onClick={onDelete}
              loading={remove.isPending}
              data-testid="confirm-delete-segment"
            >
              {t('segments.builder.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
