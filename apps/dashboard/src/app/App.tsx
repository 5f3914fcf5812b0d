import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter } from 'react-router';
import { errorMessage } from '../api/client';
import { createQueryClient } from '../api/queryClient';
import { LoginPage } from '../features/auth/components/LoginPage';
import { sessionKey, useSessionQuery } from '../features/auth/hooks/useSession';
import { SetupPage } from '../features/setup/components/SetupPage';
import { useSetupState } from '../features/setup/hooks/useSetup';
import { SignedInApp } from './SignedInApp';

export function App() {
  // Any 401 means the session ended: re-check it and the gate shows the login screen.
  const [client] = useState(() => createQueryClient((qc) => void qc.invalidateQueries({ queryKey: sessionKey }), sessionKey[0]));
  return (
    <QueryClientProvider client={client}>
      <BrowserRouter>
        <Gate />
      </BrowserRouter>
    </QueryClientProvider>
  );
}

/** Boot: first-run setup → login → the app. */
function Gate() {
  const setup = useSetupState();
  const session = useSessionQuery();

  if (setup.isPending || (session.isPending && !setup.data?.needsSetup)) return <Splash />;
  if (setup.isError) return <BootError message={errorMessage(setup.error)} onRetry={() => void setup.refetch()} />;
  if (setup.data.needsSetup) return <SetupPage />;
  if (session.isError) return <BootError message={errorMessage(session.error)} onRetry={() => void session.refetch()} />;
  if (!session.data) return <LoginPage />;
  return <SignedInApp key={session.data.agent.id} />;
}

function Splash() {
  return (
    <div className="splash" aria-busy="true" aria-label="Loading Parley">
      <span className="brand__logo brand__logo--pulse" aria-hidden="true" />
    </div>
  );
}

function BootError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div className="splash">
      <div className="boot-error" role="alert">
        <p>Parley could not start: {message}</p>
        <button type="button" className="btn btn--primary" onClick={onRetry}>
          Try again
        </button>
      </div>
    </div>
  );
}
