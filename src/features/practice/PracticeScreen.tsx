import type { PracticeTarget } from '../../ui/paths';

/** Practice aloud (stub: being built). */
export default function PracticeScreen(props: { target: PracticeTarget }) {
  return <h1>{props.target.id}</h1>;
}
