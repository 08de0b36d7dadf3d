import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Question, SurveyDefinition } from '@relance/domain/surveys/survey-definition';
import { useTranslation } from 'react-i18next';
import {
  edited,
  errorsUnder,
  KINDS_BY_SECTION,
  LIST_SECTIONS,
  type ListSection,
  moved,
  newComponent,
  newCriterion,
  newQuestion,
  removed,
  slot,
} from './editor-model';
import { BilingualInputs, ItemActions, QuestionEditor } from './question-editor';

const MAX: Record<ListSection, number> = { filter: 5, habits: 10, intentions: 4, open: 3 };

interface Props {
  definition: SurveyDefinition;
  onChange: (d: SurveyDefinition) => void;
  /** the last save's field errors, by their full path (`definition.filter.0.label.fr`) */
  errors: Record<string, string>;
}

/**
 * The questionnaire, part by part as the respondent sees it: the title and intro, filter questions, overall
 * satisfaction, the components (importance, then criteria), habits, intentions and the open questions. Every
 * list can grow, shrink and be reordered; labels in French and English.
 */
export function QuestionnaireEditor({ definition: d, onChange, errors }: Props) {
  const { t } = useTranslation();
  const change = (fn: (draft: SurveyDefinition) => void) => onChange(edited(d, fn));
  const under = (path: string) => errorsUnder(errors, `definition.${path}`);

  const listSection = (section: ListSection) => {
    const list = d[section];
    const setList = (next: Question[]) =>
      change((x) => {
        x[section] = next;
      });
    return (
      <Card withBorder key={section} data-testid={`editor-${section}`}>
        <Group justify="space-between" mb="xs">
          <div>
            <Title order={4}>{t(`surveys.editor.sections.${section}`)}</Title>
            <Text size="xs" c="dimmed">
              {t(`surveys.editor.sectionHints.${section}`)}
            </Text>
          </div>
          <Button
            variant="light"
            size="xs"
            disabled={list.length >= MAX[section]}
            onClick={() => setList([...list, newQuestion(d, section)])}
            data-testid={`editor-${section}-add`}
          >
            {t('surveys.editor.addQuestion')}
          </Button>
        </Group>
        {under(section)[''] && (
          <Text c="red" size="sm">
            {under(section)['']}
          </Text>
        )}
        <Stack gap="sm">
          {list.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('surveys.editor.none')}
            </Text>
          )}
          {list.map((q, i) => (
            <QuestionEditor
              key={slot(section, i, list.length)}
              question={q}
              kinds={KINDS_BY_SECTION[section]}
              errors={under(`${section}.${i}`)}
              testId={`editor-${section}-${i}`}
              allowScreenOut={section === 'filter'}
              allowLostReason={d.purpose === 'lost_customers'}
              onChange={(next) => setList(list.map((x, j) => (j === i ? next : x)))}
              actions={
                <ItemActions
                  testId={`editor-${section}-${i}`}
                  onUp={i > 0 ? () => setList(moved(list, i, -1)) : undefined}
                  onDown={i < list.length - 1 ? () => setList(moved(list, i, 1)) : undefined}
                  onRemove={() => setList(removed(list, i))}
                />
              }
            />
          ))}
        </Stack>
      </Card>
    );
  };

  const [filter, habits, intentions, open] = LIST_SECTIONS.map(listSection);

  return (
    <Stack data-testid="questionnaire-editor">
      <Card withBorder>
        <Title order={4} mb="xs">
          {t('surveys.editor.sections.title')}
        </Title>
        <Stack gap="xs">
          <BilingualInputs
            value={d.title}
            onChange={(title) =>
              change((x) => {
                x.title = title;
              })
            }
            errors={under('title')}
            prefix=""
            label={t('surveys.editor.title')}
            testId="editor-title"
          />
          <BilingualInputs
            value={d.intro ?? { fr: '', en: '' }}
            onChange={(intro) =>
              change((x) => {
                x.intro = intro;
              })
            }
            errors={under('intro')}
            prefix=""
            label={t('surveys.editor.intro')}
            testId="editor-intro"
          />
        </Stack>
      </Card>
      {filter}
      <Card withBorder data-testid="editor-overall">
        <Title order={4} mb="xs">
          {t('surveys.editor.sections.overall')}
        </Title>
        <QuestionEditor
          question={d.overall}
          kinds={['satisfaction']}
          errors={under('overall')}
          testId="editor-overall-question"
          onChange={(q) => {
            if (q.kind === 'satisfaction')
              change((x) => {
                x.overall = q;
              });
          }}
        />
      </Card>
      <Card withBorder data-testid="editor-components">
        <Group justify="space-between" mb="xs">
          <div>
            <Title order={4}>{t('surveys.editor.sections.components')}</Title>
            <Text size="xs" c="dimmed">
              {t('surveys.editor.sectionHints.components')}
            </Text>
          </div>
          <Button
            variant="light"
            size="xs"
            disabled={d.components.length >= 12}
            onClick={() => change((x) => void x.components.push(newComponent(d)))}
            data-testid="editor-components-add"
          >
            {t('surveys.editor.addComponent')}
          </Button>
        </Group>
        <Stack gap="md">
          {d.components.map((c, i) => {
            const errs = under(`components.${i}`);
            const setComponent = (fn: (c: SurveyDefinition['components'][number]) => void) =>
              change((x) => fn(x.components[i]!));
            return (
              <Card
                key={slot('component', i, d.components.length)}
                withBorder
                bg="gray.0"
                data-testid={`editor-component-${i}`}
              >
                <Group justify="space-between" mb="xs" wrap="nowrap">
                  <Text fw={600}>{c.label.fr || t('surveys.editor.component', { n: i + 1 })}</Text>
                  <ItemActions
                    testId={`editor-component-${i}`}
                    onUp={
                      i > 0
                        ? () =>
                            change((x) => {
                              x.components = moved(x.components, i, -1);
                            })
                        : undefined
                    }
                    onDown={
                      i < d.components.length - 1
                        ? () =>
                            change((x) => {
                              x.components = moved(x.components, i, 1);
                            })
                        : undefined
                    }
                    onRemove={() =>
                      change((x) => {
                        x.components = removed(x.components, i);
                      })
                    }
                  />
                </Group>
                <Stack gap="xs">
                  <TextInput
                    label={t('surveys.editor.key')}
                    value={c.key}
                    onChange={(e) => {
                      const key = e.currentTarget.value;
                      setComponent((x) => {
                        x.key = key;
                      });
                    }}
                    error={errs.key}
                    w={260}
                  />
                  <BilingualInputs
                    value={c.label}
                    onChange={(label) =>
                      setComponent((x) => {
                        x.label = label;
                      })
                    }
                    errors={errs}
                    prefix="label"
                    label={t('surveys.editor.componentName')}
                    testId={`editor-component-${i}-label`}
                  />
                  <QuestionEditor
                    question={c.importance}
                    kinds={['importance']}
                    title={t('surveys.editor.importance')}
                    errors={errorsUnder(errs, 'importance')}
                    testId={`editor-component-${i}-importance`}
                    onChange={(q) => {
                      if (q.kind === 'importance')
                        setComponent((x) => {
                          x.importance = q;
                        });
                    }}
                  />
                  {errs.criteria && (
                    <Text c="red" size="sm">
                      {errs.criteria}
                    </Text>
                  )}
                  {c.criteria.map((q, j) => (
                    <QuestionEditor
                      key={slot('criterion', j, c.criteria.length)}
                      question={q}
                      kinds={['satisfaction']}
                      title={t('surveys.editor.criterion', { n: j + 1 })}
                      errors={errorsUnder(errs, `criteria.${j}`)}
                      testId={`editor-component-${i}-criterion-${j}`}
                      onChange={(next) => {
                        if (next.kind === 'satisfaction')
                          setComponent((x) => {
                            x.criteria[j] = next;
                          });
                      }}
                      actions={
                        <ItemActions
                          testId={`editor-component-${i}-criterion-${j}`}
                          onUp={
                            j > 0
                              ? () =>
                                  setComponent((x) => {
                                    x.criteria = moved(x.criteria, j, -1);
                                  })
                              : undefined
                          }
                          onDown={
                            j < c.criteria.length - 1
                              ? () =>
                                  setComponent((x) => {
                                    x.criteria = moved(x.criteria, j, 1);
                                  })
                              : undefined
                          }
                          onRemove={
                            c.criteria.length > 1
                              ? () =>
                                  setComponent((x) => {
                                    x.criteria = removed(x.criteria, j);
                                  })
                              : undefined
                          }
                        />
                      }
                    />
                  ))}
                  <Button
                    variant="subtle"
                    size="xs"
                    w="fit-content"
                    disabled={c.criteria.length >= 12}
                    onClick={() => {
                      const criterion = newCriterion(d, i);
                      setComponent((x) => void x.criteria.push(criterion));
                    }}
                    data-testid={`editor-component-${i}-add-criterion`}
                  >
                    {t('surveys.editor.addCriterion')}
                  </Button>
                </Stack>
              </Card>
            );
          })}
        </Stack>
      </Card>
      {habits}
      {intentions}
      {open}
    </Stack>
  );
}
