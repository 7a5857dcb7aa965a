/**
 * The IPC surface: one `ipcMain.handle` per AppApi method, nothing else. Every call is checked
 * (sender, then arguments against ARG_SCHEMAS) before the service runs, and every answer is a
 * Result: nothing throws across IPC.
 */
import { APP_METHODS, IPC_PREFIX, type AppApi, type AppMethod } from '../core/api/contract';
import { ARG_SCHEMAS } from '../core/api/schemas';
import { fail, type Result } from '../core/result';
import type { SenderEvent } from './security';

export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => unknown): void;
}

export const channelOf = (method: AppMethod): string => `${IPC_PREFIX}${method}`;

export type Logger = (message: string, error?: unknown) => void;

/** One call: check, validate, run, and turn anything thrown into a Chinese message. */
export async function handleCall(
  method: AppMethod,
  services: AppApi,
  isTrustedSender: (event: SenderEvent) => boolean,
  event: SenderEvent,
  args: readonly unknown[],
  log: Logger = () => undefined,
): Promise<Result<unknown>> {
  let trusted = false;
  try {
    trusted = isTrustedSender(event);
  } catch {
    trusted = false;
  }
  if (!trusted) {
    log(`ipc: refused ${method} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
    return fail('forbidden', '已拒绝来自未知页面的请求。');
  }
  const parsed = ARG_SCHEMAS[method].safeParse(args);
  if (!parsed.success) {
    log(`ipc: bad arguments for ${method}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return fail('bad-request', '请求的内容不正确，操作未执行。');
  }
  try {
    const fn = services[method] as (...a: unknown[]) => Promise<Result<unknown>>;
    const result = await fn.apply(services, parsed.data as unknown[]);
    if (result === null || typeof result !== 'object' || typeof (result as { ok?: unknown }).ok !== 'boolean') {
      log(`ipc: ${method} returned something that is not a Result`);
      return fail('internal', '程序内部出错，操作可能未完成。请重试。');
    }
    return result;
  } catch (e) {
    log(`ipc: ${method} threw`, e);
    return fail('internal', '程序内部出错，操作可能未完成。请重试；如仍失败，请重新启动年报助手。');
  }
}

/** Register every API method on `ipcMain` under the `nianbao:` prefix. */
export function registerIpc(
  ipcMain: IpcMainLike,
  services: AppApi,
  isTrustedSender: (event: SenderEvent) => boolean,
  log?: Logger,
): void {
  for (const method of APP_METHODS) {
    ipcMain.handle(channelOf(method), (event, ...args) => handleCall(method, services, isTrustedSender, event, args, log));
  }
}
