/** The check report formatters, by the name `--format` takes. */
import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import type { Formatter } from './model.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export const FORMATTERS: Readonly<Record<string, Formatter>> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  junit: formatJunit,
  markdown: formatMarkdown,
  gitlab: formatGitlab,
};

export const FORMAT_NAMES = Object.keys(FORMATTERS);
