import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanForm } from './number-fields';

/**
 * Where a tracked link ({{trackingUrl}}) leads, at `path` ('landingUrl', 'steps.0.landingUrl',
 * 'steps.0.variants.0.landingUrl'): an https address, to which the UTM parameters are added; left empty, the
 * next level's (variant → step → campaign), and last the page Relance hosts (the offer and an "I'm interested"
 * button).
 */
export function LandingUrlField({
  form,
  path,
  level,
}: {
  form: PlanForm;
  path: string;
  level: 'campaign' | 'step' | 'variant';
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      type="url"
      inputMode="url"
      placeholder="https://www.example.com/offre"
      label={t(`landingPages.${level}.label`)}
      description={t(`landingPages.${level}.description`, { field: '{{trackingUrl}}' })}
      data-testid={`landing-url-${level}`}
      {...form.getInputProps(path)}
    />
  );
}
