import type { ReactNode } from 'react';

/** Centred card for the signed-out screens (login, first-run setup). */
export function AuthLayout({ title, subtitle, children, wide }: { title: string; subtitle?: string; children: ReactNode; wide?: boolean }) {
  return (
    <main className="auth">
      <div className={`auth__card${wide ? ' auth__card--wide' : ''}`}>
        <div className="brand brand--large">
          <span className="brand__logo" aria-hidden="true" />
          Parley
        </div>
        <h1 className="auth__title">{title}</h1>
        {subtitle && <p className="auth__subtitle">{subtitle}</p>}
        {children}
      </div>
    </main>
  );
}
