import { render } from 'preact';
import { PageCheck } from '../../components/PageCheck';
import { SettingsForm } from '../../components/SettingsForm';
import './options.css';

render(
  <>
    <SettingsForm />
    <PageCheck />
  </>,
  document.getElementById('app')!,
);
