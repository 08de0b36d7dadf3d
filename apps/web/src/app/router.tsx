import { createBrowserRouter, Navigate } from 'react-router';
import { NotFoundPage } from '../components/not-found-page';
import { ApiKeysPage } from '../features/api-keys/components/api-keys-page';
import { LoginPage } from '../features/auth/components/login-page';
import { ContactPage } from '../features/contacts/components/contact-page';
import { ContactsPage } from '../features/contacts/components/contacts-page';
import { ImportPage } from '../features/imports/components/import-page';
import { ImportWizardPage } from '../features/imports/components/import-wizard-page';
import { ImportsPage } from '../features/imports/components/imports-page';
import { UsersPage } from '../features/users/components/users-page';
import { AppLayout } from './layout';
import { RequireAuth } from './require-auth';
import { RequirePermission } from './require-permission';

const IMPORTS = ['contacts:import', 'orders:import'] as const;

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <Navigate to="/contacts" replace /> },
          {
            path: 'contacts',
            element: (
              <RequirePermission anyOf={['contacts:read']}>
                <ContactsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'contacts/:id',
            element: (
              <RequirePermission anyOf={['contacts:read']}>
                <ContactPage />
              </RequirePermission>
            ),
          },
          {
            path: 'imports',
            element: (
              <RequirePermission anyOf={IMPORTS}>
                <ImportsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'imports/new/:kind',
            element: (
              <RequirePermission anyOf={IMPORTS}>
                <ImportWizardPage />
              </RequirePermission>
            ),
          },
          {
            path: 'imports/:kind/:id',
            element: (
              <RequirePermission anyOf={IMPORTS}>
                <ImportPage />
              </RequirePermission>
            ),
          },
          {
            path: 'users',
            element: (
              <RequirePermission anyOf={['users:manage']}>
                <UsersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'api-keys',
            element: (
              <RequirePermission anyOf={['api-keys:manage']}>
                <ApiKeysPage />
              </RequirePermission>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
