import { Button, Group, Paper, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SegmentFieldInfo } from '../api/segments';
import { type GroupDraft, type NodeDraft, newGroup, newRule } from './rule-draft';
import { RuleEditor } from './rule-editor';

interface Props {
  group: GroupDraft;
  depth: number;
  maxDepth: number;
  fields: readonly SegmentFieldInfo[];
  fieldsByKey: Map<string, SegmentFieldInfo>;
  /** changes the node `id` anywhere in the tree; null removes it */
  update: (id: string, change: (node: NodeDraft) => NodeDraft | null) => void;
  errors: Map<string, string[]>;
  readOnly: boolean;
  /** position in the tree, for test ids: "root", "1", "1-0" */
  path: string;
}

/** A group: AND or OR over its rules and groups, optionally excluding whom it matches. */
export function GroupEditor(props: Props) {
  const { group, depth, maxDepth, update, errors, readOnly, path } = props;
  const { t } = useTranslation();
  const isRoot = depth === 1;
  const change = (patch: Partial<GroupDraft>) =>
    update(group.id, (g) => ({ ...(g as GroupDraft), ...patch }));
  const add = (node: NodeDraft) =>
    update(group.id, (g) => ({ ...(g as GroupDraft), children: [...(g as GroupDraft).children, node] }));
  const childPath = (i: number) => (isRoot ? String(i) : `${path}-${i}`);
  const groupErrors = errors.get(group.id) ?? [];

  return (
    <Paper
      withBorder={!isRoot}
      p={isRoot ? 0 : 'sm'}
      bg={isRoot ? undefined : group.not ? 'red.0' : 'gray.0'}
      data-testid={`group-${path}`}
    >
      <Stack gap="xs">
        <Group gap="sm" justify="space-between">
          <Group gap="sm">
            <SegmentedControl
              size="xs"
              value={group.combinator}
              onChange={(v) => change({ combinator: v as 'and' | 'or' })}
              data={[
                { value: 'and', label: t('segments.group.and') },
                { value: 'or', label: t('segments.group.or') },
              ]}
              disabled={readOnly}
              data-testid={`group-combinator-${path}`}
            />
            {!isRoot && (
              <Switch
                size="xs"
                label={t('segments.group.not')}
                checked={group.not}
                onChange={(e) => change({ not: e.currentTarget.checked })}
                disabled={readOnly}
                data-testid={`group-not-${path}`}
              />
            )}
          </Group>
          {!isRoot && !readOnly && (
            <Button
              size="compact-xs"
              variant="subtle"
              color="gray"
              onClick={() => update(group.id, () => null)}
              data-testid={`group-remove-${path}`}
            >
              {t('segments.group.remove')}
            </Button>
          )}
        </Group>
        {group.not && (
          <Text size="xs" c="red.8">
            {t('segments.group.excluded')}
          </Text>
        )}
        {group.children.map((child, i) =>
          child.kind === 'group' ? (
            <GroupEditor key={child.id} {...props} group={child} depth={depth + 1} path={childPath(i)} />
          ) : (
            <RuleEditor
              key={child.id}
              rule={child}
              fields={props.fields}
              fieldsByKey={props.fieldsByKey}
              onChange={(rule) => update(child.id, () => rule)}
              onRemove={() => update(child.id, () => null)}
              errors={errors.get(child.id) ?? []}
              readOnly={readOnly}
              path={childPath(i)}
            />
          ),
        )}
        {groupErrors.map((message) => (
          <Text key={message} size="xs" c="red.8" data-testid={`group-error-${path}`}>
            {message}
          </Text>
        ))}
        {!readOnly && (
          <Group gap="xs">
            <Button
              size="compact-sm"
              variant="light"
              onClick={() => add(newRule())}
              data-testid={`add-rule-${path}`}
            >
              {t('segments.group.addRule')}
            </Button>
            {depth < maxDepth && (
              <Button
                size="compact-sm"
                variant="subtle"
                onClick={() => add(newGroup(group.combinator === 'and' ? 'or' : 'and'))}
                data-testid={`add-group-${path}`}
              >
                {t('segments.group.addGroup')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
