import type { Permission } from '@relance/domain/permissions';
import { createBrowserRouter, Navigate, Outlet, type RouteObject } from 'react-router';
import { NotFoundPage } from '../components/not-found-page';
import { LoginPage } from '../features/auth/components/login-page';
import { AppLayout } from './layout';
import { RequireAuth } from './require-auth';
import { RequirePermission } from './require-permission';

/** Pages under a permission: the check runs before the page's code is even loaded. */
function guarded(anyOf: readonly Permission[], children: RouteObject[]): RouteObject {
  return {
    element: (
      <RequirePermission anyOf={anyOf}>
        <Outlet />
      </RequirePermission>
    ),
    children,
  };
}

// each feature is its own chunk, loaded on first visit
const contactsPage = () =>
  import('../features/contacts/components/contacts-page').then((m) => ({ Component: m.ContactsPage }));
const contactPage = () =>
  import('../features/contacts/components/contact-page').then((m) => ({ Component: m.ContactPage }));
const importsPage = () =>
  import('../features/imports/components/imports-page').then((m) => ({ Component: m.ImportsPage }));
const importWizardPage = () =>
  import('../features/imports/components/import-wizard-page').then((m) => ({
    Component: m.ImportWizardPage,
  }));
const importPage = () =>
  import('../features/imports/components/import-page').then((m) => ({ Component: m.ImportPage }));
const usersPage = () =>
  import('../features/users/components/users-page').then((m) => ({ Component: m.UsersPage }));
const apiKeysPage = () =>
  import('../features/api-keys/components/api-keys-page').then((m) => ({ Component: m.ApiKeysPage }));

const indicatorSettingsPage = () =>
  import('../features/settings/components/indicator-settings-page').then((m) => ({
    Component: m.IndicatorSettingsPage,
  }));

const planningSettingsPage = () =>
  import('../features/settings/components/planning-settings-page').then((m) => ({
    Component: m.PlanningSettingsPage,
  }));

const campaignsPage = () =>
  import('../features/campaigns/components/campaigns-page').then((m) => ({ Component: m.CampaignsPage }));
const campaignBuilderPage = () =>
  import('../features/campaigns/components/campaign-builder-page').then((m) => ({
    Component: m.CampaignBuilderPage,
  }));

const segmentsPage = () =>
  import('../features/segments/components/segments-page').then((m) => ({ Component: m.SegmentsPage }));
const segmentBuilderPage = () =>
  import('../features/segments/components/segment-builder-page').then((m) => ({
    Component: m.SegmentBuilderPage,
  }));

const winbackPage = () =>
  import('../features/winback/components/winback-page').then((m) => ({ Component: m.WinbackPage }));
const winbackAlertsPage = () =>
  import('../features/winback/components/alerts-page').then((m) => ({ Component: m.AlertsPage }));
const winbackSettingsPage = () =>
  import('../features/winback/components/winback-settings-page').then((m) => ({
    Component: m.WinbackSettingsPage,
  }));

const followUpsPage = () =>
  import('../features/follow-ups/components/follow-ups-page').then((m) => ({ Component: m.FollowUpsPage }));
const followUpsDuePage = () =>
  import('../features/follow-ups/components/due-page').then((m) => ({ Component: m.DuePage }));

const redeemPage = () =>
  import('../features/redemption/components/redeem-page').then((m) => ({ Component: m.RedeemPage }));
const returnedMailPage = () =>
  import('../features/redemption/components/returned-mail-page').then((m) => ({
    Component: m.ReturnedMailPage,
  }));

const callsPage = () =>
  import('../features/callbacks/components/calls-page').then((m) => ({ Component: m.CallsPage }));
const callCentrePage = () =>
  import('../features/callbacks/components/manager-page').then((m) => ({ Component: m.CallCentrePage }));

const boardPage = () =>
  import('../features/board/components/board-page').then((m) => ({ Component: m.BoardPage }));
const portfolioPage = () =>
  import('../features/board/components/portfolio-page').then((m) => ({ Component: m.PortfolioPage }));

const publicSurveyPage = () =>
  import('../features/surveys/components/public-survey-page').then((m) => ({
    Component: m.PublicSurveyPage,
  }));

const surveysPage = () =>
  import('../features/surveys/components/surveys-page').then((m) => ({ Component: m.SurveysPage }));
const surveyPage = () =>
  import('../features/surveys/components/survey-page').then((m) => ({ Component: m.SurveyPage }));
const waveResultsPage = () =>
  import('../features/surveys/components/wave-results-page').then((m) => ({ Component: m.WaveResultsPage }));
const phoneSurveyPage = () =>
  import('../features/surveys/components/phone-survey-page').then((m) => ({ Component: m.PhoneSurveyPage }));

const IMPORTS = ['contacts:import', 'orders:import'] as const;

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // a survey's public answer page: no login, no app shell
  { path: '/s/:token', lazy: publicSurveyPage },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <Navigate to="/contacts" replace /> },
          guarded(
            ['contacts:read'],
            [
              { path: 'contacts', lazy: contactsPage },
              { path: 'contacts/:id', lazy: contactPage },
              { path: 'winback', lazy: winbackPage },
              { path: 'winback/alerts', lazy: winbackAlertsPage },
            ],
          ),
          guarded(IMPORTS, [
            { path: 'imports', lazy: importsPage },
            { path: 'imports/new/:kind', lazy: importWizardPage },
            { path: 'imports/:kind/:id', lazy: importPage },
          ]),
          guarded(
            ['campaigns:read'],
            [
              { path: 'campaigns', lazy: campaignsPage },
              { path: 'campaigns/:id', lazy: campaignBuilderPage },
              { path: 'follow-ups', lazy: followUpsPage },
              { path: 'follow-ups/due', lazy: followUpsDuePage },
            ],
          ),
          guarded(['campaigns:write'], [{ path: 'campaigns/new', lazy: campaignBuilderPage }]),
          guarded(
            ['board:read'],
            [
              { path: 'board', lazy: portfolioPage },
              { path: 'campaigns/:id/board', lazy: boardPage },
            ],
          ),
          guarded(['segments:write'], [{ path: 'segments/new', lazy: segmentBuilderPage }]),
          guarded(
            ['segments:read'],
            [
              { path: 'segments', lazy: segmentsPage },
              { path: 'segments/:id', lazy: segmentBuilderPage },
            ],
          ),
          guarded(['calls:work'], [{ path: 'calls', lazy: callsPage }]),
          guarded(
            ['surveys:read'],
            [
              { path: 'surveys', lazy: surveysPage },
              { path: 'surveys/:id', lazy: surveyPage },
              { path: 'surveys/:id/waves/:waveId', lazy: waveResultsPage },
            ],
          ),
          guarded(
            ['calls:work'],
            [
              { path: 'surveys/phone', lazy: phoneSurveyPage },
              { path: 'surveys/phone/:token', lazy: phoneSurveyPage },
            ],
          ),
          guarded(['calls:manage'], [{ path: 'call-centre', lazy: callCentrePage }]),
          guarded(['codes:redeem'], [{ path: 'redeem', lazy: redeemPage }]),
          guarded(['returned-mail:record'], [{ path: 'returned-mail', lazy: returnedMailPage }]),
          guarded(['users:manage'], [{ path: 'users', lazy: usersPage }]),
          guarded(['settings:manage'], [{ path: 'settings/indicators', lazy: indicatorSettingsPage }]),
          guarded(['settings:manage'], [{ path: 'settings/winback', lazy: winbackSettingsPage }]),
          guarded(['settings:manage'], [{ path: 'settings/planning', lazy: planningSettingsPage }]),
          guarded(['api-keys:manage'], [{ path: 'api-keys', lazy: apiKeysPage }]),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
