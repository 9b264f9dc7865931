export function App() {
  return <main><h1>Interview Flashcards</h1></main>;
}
