import { render } from 'preact';
import { LibraryPage } from '../../components/library/LibraryPage';
import { startFirstRead } from '../../components/library/useBoard';
import './library.css';

// The board paints from the stored project summaries: start reading them before the first render.
startFirstRead();
render(<LibraryPage />, document.getElementById('app')!);
