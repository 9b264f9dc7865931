/** One story (stub: being built). */
export default function StoryScreen(props: { storyId: string }) {
  return <h1>{props.storyId}</h1>;
}
