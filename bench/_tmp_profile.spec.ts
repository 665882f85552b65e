import { test } from '../tests/e2e/support/extension';
import { serveChatGPT } from '../tests/e2e/support/chatgpt-fixture';
import { LONG_CHAT_TURNS, longReply, profiledStreamingRun } from './page.bench';

test('tmp profile', async ({ context, extensionId }) => {
  test.setTimeout(600_000);
  await serveChatGPT(context, { generation: 'A', longChat: { turns: LONG_CHAT_TURNS } });
  const reply = longReply(3_000);
  for (let run = 0; run < 3; run += 1) {
    const r = await profiledStreamingRun(context, 300 + run, reply, { chunkMs: 20, chunkChars: 60 }, extensionId, 'A');
    console.log('RUN', r.extensionMs.toFixed(1), r.totalMs.toFixed(0));
  }
  const top = [...((globalThis as any).__top as Map<string, number>)].sort((a, b) => b[1] - a[1]).slice(0, 40);
  for (const [k, us] of top) console.log((us / 1000).toFixed(2), k);
});
