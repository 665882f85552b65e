import { render } from 'preact';
import { LogFolderSettings } from '../../components/log-file/LogFolderSettings';
import { logFileApi } from '../../components/log-file/api';
import { PageCheck } from '../../components/PageCheck';
import { SettingsForm } from '../../components/SettingsForm';
import { wakeBackgroundOnWrites } from '../../lib/log-file/wake-background';
import './options.css';

// Settings saved here change the log file too: the background must hear of it even when asleep.
wakeBackgroundOnWrites();
render(
  <>
    <SettingsForm />
    <LogFolderSettings api={logFileApi} />
    <PageCheck />
  </>,
  document.getElementById('app')!,
);
