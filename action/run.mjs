// The step action.yml runs: brud's Action from this package's build (dist/), with the runner's
// environment (INPUT_*, GITHUB_WORKSPACE, GITHUB_EVENT_PATH, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT).
import { runAction } from '../dist/src/action/action.js';

process.exitCode = await runAction(process.env);
