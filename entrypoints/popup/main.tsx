import { render } from 'preact';
import { startFirstRead } from '../../components/popup/useLibrary';
import { App } from './App';
import './popup.css';

// The database read is the slow part of the first paint: start it before the first render.
startFirstRead();
render(<App />, document.getElementById('app')!);
