import { Alert, Badge, Button, Card, Fieldset, Grid, Group, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { MilestoneCurve } from '@relance/domain/planning/milestones';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { LoadingState } from '../../../components/states';
import { ApiError } from '../../../lib/api-error';
import { useCan } from '../../../lib/session';
import type { Campaign } from '../api/campaigns';
import { useCampaign, useLiveForecast, useSaveCampaign } from '../hooks/use-campaigns';
import { usePlanningDefaults } from '../hooks/use-planning-defaults';
import { joinedFieldErrors } from './content/content-values';
import { DispatchPanel } from './dispatch/dispatch-panel';
import { ForecastPanel } from './forecast-panel';
import { LifecycleActions } from './lifecycle-actions';
import { MilestoneChart } from './milestone-chart';
import { OfferCard } from './offer-card';
import { PlanEconomicsCard, PlanGeneralCard } from './plan-general-card';
import { emptyPlan, type PlanValues, toPlan, toValues, validatePlan, validPlan } from './plan-values';
import { installPlanningDefaults } from './planning-defaults';
import { SendsNeededCard } from './sends-needed-card';
import { StepsEditor } from './steps-editor';
import { TestPlanCard } from './test-plan-card';

/** `/campaigns/new` and `/campaigns/:id`: the plan on the left, its live forecast and milestones on the right. */
export function CampaignBuilderPage() {
  const { id } = useParams();
  const loaded = useCampaign(id);
  const defaults = usePlanningDefaults();
  if ((id && loaded.isPending) || defaults.isPending) return <LoadingState />;
  // new steps take the workspace's costs and rates (the built-in ones if they could not be read)
  if (defaults.data) installPlanningDefaults(defaults.data);
  if (id && loaded.isError) return <ProblemAlert error={loaded.error} />;
  return <Builder key={id ?? 'new'} campaign={loaded.data} reload={() => loaded.refetch()} />;
}

function Builder({ campaign, reload }: { campaign: Campaign | undefined; reload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const save = useSaveCampaign();
  const [version, setVersion] = useState(campaign?.version);
  const [conflict, setConflict] = useState(false);
  const readOnly = !can('campaigns:write') || (campaign !== undefined && campaign.status !== 'draft');
  const form = useForm<PlanValues>({
    initialValues: campaign ? toValues(campaign.plan) : emptyPlan(),
    validate: validatePlan,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: take the stored plan when a reload brings a new version
  useEffect(() => {
    if (campaign && campaign.version !== version) {
      form.setValues(toValues(campaign.plan));
      form.resetDirty();
      setVersion(campaign.version);
    }
  }, [campaign]);

  const plan = useMemo(() => validPlan(form.values), [form.values]);
  const live = useLiveForecast(plan);
  const timelineSteps = form.values.steps.map((step, i) => ({
    channel: step.channel,
    offsetDays: Number.isFinite(step.offsetDays) ? step.offsetDays : 0,
    curve: step.milestones as unknown as MilestoneCurve,
    expectedResponses: live.data?.forecast.steps[i]?.expectedResponses ?? 0,
  }));

  const onSubmit = (values: PlanValues) => {
    setConflict(false);
    save.mutate(
      { id: campaign?.id, version, plan: toPlan(values) },
      {
        onSuccess: (saved) => {
          setVersion(saved.version);
          form.resetDirty();
          notifications.show({ color: 'teal', message: t('campaigns.saved', { name: saved.name }) });
          if (!campaign) navigate(`/campaigns/${saved.id}`, { replace: true });
        },
        onError: (error) => {
          if (!(error instanceof ApiError)) return;
          if (error.status === 409 && error.fieldError('version')) setConflict(true);
          else form.setErrors(joinedFieldErrors(error.fieldErrors));
        },
      },
    );
  };

  const status = campaign?.status ?? 'draft';
  return (
    <>
      <PageHeader
        title={campaign ? campaign.name : t('campaigns.builder.newTitle')}
        subtitle={
          <Group gap="xs" component="span">
            <Badge variant="light" data-testid="campaign-status">
              {t(`campaigns.statuses.${status}`, { defaultValue: status })}
            </Badge>
            {readOnly ? t('campaigns.builder.readOnly') : t('campaigns.builder.subtitle')}
          </Group>
        }
        actions={
          <Group gap="xs">
            {campaign && can('campaigns:write') && (
              <LifecycleActions
                campaign={campaign}
                dirty={form.isDirty()}
                onFieldErrors={(errors) => form.setErrors(errors)}
              />
            )}
            {campaign && campaign.status !== 'draft' && can('board:read') && (
              <Button
                component={Link}
                to={`/campaigns/${campaign.id}/board`}
                variant="light"
                data-testid="open-board"
              >
                {t('board.nav')}
              </Button>
            )}
            <Button component={Link} to="/campaigns" variant="default">
              {t('campaigns.builder.backToList')}
            </Button>
          </Group>
        }
      />
      <form onSubmit={form.onSubmit(onSubmit)} noValidate data-testid="campaign-builder">
        <Grid gutter="lg">
          <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
            <Stack>
              {conflict && (
                <Alert color="orange" title={t('campaigns.conflict.title')} data-testid="conflict">
                  <Stack gap="xs" align="flex-start">
                    {t('campaigns.conflict.body')}
                    <Button
                      size="xs"
                      variant="light"
                      color="orange"
                      onClick={async () => {
                        setConflict(false);
                        await reload();
                      }}
                    >
                      {t('campaigns.conflict.reload')}
                    </Button>
                  </Stack>
                </Alert>
              )}
              {campaign && campaign.status !== 'draft' && <DispatchPanel campaign={campaign} />}
              <ProblemAlert
                error={conflict ? null : save.error}
                withFieldErrors
                shownFields={Object.keys(form.errors)}
              />
              <Fieldset variant="unstyled" disabled={readOnly} p={0}>
                <Stack>
                  <PlanGeneralCard form={form} />
                  <PlanEconomicsCard form={form} />
                  <OfferCard
                    form={form}
                    warnings={live.data?.offerWarnings}
                    incentiveCents={live.data?.forecast.incentiveCents}
                  />
                  <StepsEditor form={form} readOnly={readOnly} />
                  <TestPlanCard form={form} plan={plan} answer={live.data} liveError={live.error} />
                </Stack>
              </Fieldset>
              {!readOnly && (
                <Group justify="flex-end">
                  <Button type="submit" loading={save.isPending} data-testid="save-campaign">
                    {t('campaigns.builder.save')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
            <Stack style={{ position: 'sticky', top: 76 }}>
              <ForecastPanel
                answer={live.data}
                steps={form.values.steps}
                pending={live.isFetching}
                invalid={plan === null}
                error={live.error}
              />
              <SendsNeededCard steps={form.values.steps} audienceSize={live.data?.audienceSize ?? null} />
              <Card withBorder>
                <Title order={4} mb="xs">
                  {t('campaigns.forecast.milestones')}
                </Title>
                <MilestoneChart
                  steps={timelineSteps}
                  readOnly={readOnly}
                  errors={form.errors as Record<string, string | undefined>}
                  onCurveChange={(i, next) => form.setFieldValue(`steps.${i}.milestones`, next)}
                />
              </Card>
            </Stack>
          </Grid.Col>
        </Grid>
      </form>
    </>
  );
}
