/** What the command-line tools say to the person at the terminal (never service logs: those go through pino). */
export const say = (text: string): void => void process.stdout.write(`${text}\n`);
export const complain = (text: string): void => void process.stderr.write(`${text}\n`);
