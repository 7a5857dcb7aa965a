/**
 * The app shell: two screens, the library (报告列表) and the report editor, chosen by the URL hash
 * (#/ and #/report/<id>/<step>) so a reload lands where the clerk was. The editor is a separate
 * chunk, loaded when first opened.
 */
import { Spin } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { MenuCommand } from '../../core/api/contract';
import { getApi } from './api';
import { LibraryScreen } from './library/LibraryScreen';

const Editor = lazy(() => import('./editor/Editor'));
const AboutDialog = lazy(() => import('./common/AboutDialog'));

export type Route = { readonly name: 'library' } | { readonly name: 'editor'; readonly id: string; readonly step?: string };

function parseHash(hash: string): Route {
  const m = /^#\/report\/([A-Za-z0-9_-]{1,64})(?:\/([a-z]+))?/.exec(hash);
  if (m) return m[2] ? { name: 'editor', id: m[1]!, step: m[2] } : { name: 'editor', id: m[1]! };
  return { name: 'library' };
}

export const routeHash = (r: Route): string =>
  r.name === 'library' ? '#/' : `#/report/${r.id}${r.step ? `/${r.step}` : ''}`;

/** A menu command the library should act on (new report, open a file), with a counter so a repeat fires again. */
export interface LibraryCommand {
  readonly command: 'new-report' | 'open-report';
  readonly nonce: number;
}

export function App() {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  const [libraryCommand, setLibraryCommand] = useState<LibraryCommand | null>(null);
  const [checkNonce, setCheckNonce] = useState(0);
  const [about, setAbout] = useState(false);

  useEffect(() => {
    const onHash = (): void => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const navigate = useCallback((r: Route, replace = false) => {
    const hash = routeHash(r);
    if (window.location.hash !== hash) {
      if (replace) window.history.replaceState(null, '', hash);
      else window.history.pushState(null, '', hash);
    }
    setRoute(r);
  }, []);

  useEffect(() => {
    const api = getApi();
    if (!api.onMenuCommand) return;
    let n = 0;
    return api.onMenuCommand((command: MenuCommand) => {
      n++;
      switch (command) {
        case 'new-report':
        case 'open-report':
          setLibraryCommand({ command, nonce: n });
          navigate({ name: 'library' });
          break;
        case 'go-library':
          navigate({ name: 'library' });
          break;
        case 'check-export':
          setCheckNonce(n);
          break;
        case 'about':
          setAbout(true);
          break;
      }
    });
  }, [navigate]);

  return (
    <>
      {route.name === 'library' ? (
        <LibraryScreen onOpen={(id) => navigate({ name: 'editor', id })} command={libraryCommand} />
      ) : (
        <Suspense
          fallback={
            <div className="screen-loading">
              <Spin />
              <span>正在打开报告…</span>
            </div>
          }
        >
          <Editor
            key={route.id}
            id={route.id}
            step={route.step}
            checkNonce={checkNonce}
            onStep={(step) => navigate({ name: 'editor', id: route.id, step }, true)}
            onExit={() => navigate({ name: 'library' })}
          />
        </Suspense>
      )}
      {about && (
        <Suspense fallback={null}>
          <AboutDialog onClose={() => setAbout(false)} />
        </Suspense>
      )}
    </>
  );
}
