/** The process boundary, passed into commands so tests can run them in-process. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Uint8Array;
  writeFile: (path: string, text: string) => void;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  cwd: string;
}
