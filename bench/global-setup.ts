import checkChromium from '../tests/e2e/support/global-setup';
import { resetMetrics } from './report';

export default function globalSetup(): void {
  checkChromium();
  resetMetrics();
}
