import { render } from 'preact';
import { LogFolderSettings } from '../../components/log-file/LogFolderSettings';
import { logFileApi } from '../../components/log-file/api';
import { limitHistoryApi } from '../../components/meter/api';
import { LimitHistory } from '../../components/meter/LimitHistory';
import { PageCheck } from '../../components/PageCheck';
import { SettingsForm } from '../../components/SettingsForm';
import { wakeBackgroundOnWrites } from '../../lib/log-file/wake-background';
import './options.css';

// Settings saved here change the log file too: the background must hear of it even when asleep.
wakeBackgroundOnWrites();
render(
  <>
    <SettingsForm />
    <LimitHistory api={limitHistoryApi} />
    <LogFolderSettings api={logFileApi} />
    <PageCheck />
  </>,
  document.getElementById('app')!,
);
