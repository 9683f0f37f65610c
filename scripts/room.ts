// `npm run room -- …`: administration commands (create, list, revoke) go to the relay's store
// (sync-server/src/cli.ts); `import` and `export` are a client of the running relay
// (scripts/room-client.ts), reaching a conference through a link exactly as a device does.
const command = process.argv[2];
if (command === 'import' || command === 'export') await import('./room-client');
else if (command === 'report') await import('./room-report');
else await import('../sync-server/src/cli');
export {};
