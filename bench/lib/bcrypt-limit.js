'use strict';
// The bcrypt limit: times N hashes at the configured cost, one after another on one thread, and answers
// seconds per hash. The login ceiling of this machine is then cores ÷ seconds per hash.
const bcrypt = require('bcrypt');

const cost = Number(process.argv[2] ?? 12);
const count = Number(process.argv[3] ?? 8);
bcrypt.hashSync('warm-up', 4);
const started = process.hrtime.bigint();
for (let i = 0; i < count; i++) bcrypt.hashSync(`bench-password-${i}`, cost);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(JSON.stringify({ cost, count, secondsPerHash: seconds / count }) + '\n');
