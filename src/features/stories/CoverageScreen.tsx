/** Coverage of questions and signals by stories (stub: being built). */
export default function CoverageScreen() {
  return <h1>Coverage</h1>;
}
