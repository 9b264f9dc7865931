/** The story editor (stub: being built). */
export default function StoryEditorScreen(props: { storyId: string | null; forNoteId: string | null }) {
  return <h1>{props.storyId ?? props.forNoteId ?? 'new'}</h1>;
}
