// Stops the run's Prism by its own handle, whether the tests passed or not.
export default async function stopSharedPrism(): Promise<void> {
  await globalThis.__prism?.stop();
  globalThis.__prism = undefined;
}
