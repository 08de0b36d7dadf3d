import type { AnswersInput } from '@relance/domain/surveys/survey-answers';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ApiError } from '../../../lib/api-error';
import type { Language } from '../../../lib/i18n';
import { getPublicSurvey, submitPhoneAnswers, submitPublicAnswers } from '../api/surveys';

export const publicSurveyKey = (token: string) => ['surveys', 'public', token] as const;

/** The questionnaire behind an answer link; an invalid link or a rate limit is not retried. */
export function usePublicSurvey(token: string) {
  return useQuery({
    queryKey: publicSurveyKey(token),
    queryFn: ({ signal }) => getPublicSurvey(token, signal),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}

/** Sends the answers once: through the public link, or by a telemarketer (phone). */
export function useSubmitAnswers(token: string, via: 'web' | 'phone') {
  return useMutation({
    mutationFn: ({ answers, language }: { answers: AnswersInput; language: Language }) =>
      via === 'web'
        ? submitPublicAnswers(token, answers, language)
        : submitPhoneAnswers(token, answers, language),
  });
}
