// globalSetup of `npm run test:consumers`: the consumer project, prepared once for every test file.
import { prepareProject } from "./project";

export default async function prepareConsumers(): Promise<void> {
  process.env.CONSUMER_TARBALL = prepareProject((line) => process.stdout.write(`${line}\n`));
}
