/** The story bank's list (stub: being built). */
export default function StoriesScreen() {
  return <h1>Stories</h1>;
}
