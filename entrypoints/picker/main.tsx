import { render } from 'preact';
import { pickerApi } from '../../components/picker/api';
import { ResumePicker } from '../../components/picker/ResumePicker';
import './picker.css';

// The picker runs in an iframe over ChatGPT's page (lib/content/picker-frame.ts), which passes
// the page's theme in the URL.
void pickerApi.claim().catch(() => undefined); // listen for the token now; the picker shows the outcome
const theme = new URLSearchParams(location.search).get('theme') === 'dark' ? 'dark' : 'light';
document.documentElement.dataset.theme = theme;
render(<ResumePicker api={pickerApi} />, document.getElementById('app')!);
