/**
 * The optimizer's section as the deck options screen shows it: loaded on
 * its own (React.lazy), so its code, its text and its worker stay out of
 * the settings chunk; the wasm is fetched only by the worker, on Optimize.
 */
import { lazy, Suspense } from 'react';

const OptimizerSection = lazy(() => import('./OptimizerSection').then((module) => ({ default: module.OptimizerSection })));

export function LazyOptimizerSection({ presetId }: { presetId: string }) {
  return (
    <Suspense fallback={null}>
      <OptimizerSection presetId={presetId} />
    </Suspense>
  );
}
