import { render } from 'preact';
import { SettingsForm } from '../../components/SettingsForm';
import './options.css';

render(<SettingsForm />, document.getElementById('app')!);
