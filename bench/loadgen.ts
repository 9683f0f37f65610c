// The load generator process: started by run.ts (pinned to its own core), it receives exactly one Task
// over the IPC channel, runs it against a relay on 127.0.0.1, sends back the result and exits. Keeping
// it in its own process means the relay under test and the generator never share an event loop.

import { runPopulate, runStorm } from './doc-tasks';
import type { LoadgenMessage, Task, TaskResult } from './tasks';
import { runTraffic } from './traffic';

function run(task: Task): Promise<TaskResult> {
  const bases = [task.wsBase, ...(task.kind === 'traffic' ? (task.socketBases ?? []) : [])];
  if (!bases.every((base) => base.startsWith('ws://127.0.0.1:'))) {
    throw new Error('the bench only targets 127.0.0.1');
  }
  switch (task.kind) {
    case 'traffic':
      return runTraffic(task);
    case 'populate':
      return runPopulate(task);
    case 'storm':
      return runStorm(task);
  }
}

function reply(message: LoadgenMessage): void {
  if (!process.send) throw new Error('loadgen.ts must be started with an IPC channel (by bench/run.ts)');
  process.send(message, () => process.exit(0));
}

process.once('message', (task: Task) => {
  Promise.resolve()
    .then(() => run(task))
    .then(
      (result) => reply({ ok: true, result }),
      (error: unknown) =>
        reply({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
    );
});
